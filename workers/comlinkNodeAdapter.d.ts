/**
 * Types for comlink's ESM node adapter: the package ships `node-adapter.d.ts` beside
 * `node-adapter.mjs`, which TypeScript does not pair with the `.mjs` file on its own.
 */
declare module 'comlink/dist/esm/node-adapter.mjs' {
  export { default } from 'comlink/dist/esm/node-adapter';
}
