/**
 * A refused actuation (engine/vehicles/actuation.ts): an unknown signal, link, node or closure,
 * a bad value. `path` names the action and field (`forcePhase.signal`); the message starts with
 * it and says what was expected and what was found, like a ScenarioError's problems.
 */
export class ActuationError extends Error {
  readonly path: string;

  constructor(path: string, message: string) {
    super(`${path}: ${message}`);
    this.name = 'ActuationError';
    this.path = path;
  }
}
