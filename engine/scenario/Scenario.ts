/**
 * The scenario: the plain-data description of one simulation run, as read from a JSON file
 * that conforms to `scenarios/scenario.schema.json`. Coordinates are metres in a local frame
 * (x east, y north). The loader (`loadScenario`) validates it; the world (`createWorld`) compiles it.
 * Field names are a public contract: add fields, never rename them.
 */

/** A point `[x, y]` in metres. */
export type PointM = [number, number];
/** A simple polygon: a ring of at least three points in metres, not closed (first point not repeated). */
export type PolygonM = PointM[];

/** A desired speed: a fixed value in m/s, or a distribution to draw each person's speed from. */
export type SpeedSpec =
  | number
  | {
      /**
       * normal: truncated normal (mean, sd, clipped to [min, max]);
       * uniform: uniform on [min, max];
       * weidmannAge: draws an age uniformly in [minAgeYears, maxAgeYears] and the speed from
       * Weidmann's (1993) speed-by-age curve as tabulated in RiMEA 3.0, section 2.2.
       */
      distribution: 'normal' | 'uniform' | 'weidmannAge';
      mean?: number;
      sd?: number;
      min?: number;
      max?: number;
      minAgeYears?: number;
      maxAgeYears?: number;
    };

/**
 * A spawn place: a polygon to fill at random, explicit points (one person each, in order), or a
 * point of the pedestrian network (`geometry.network`) from which people walk the network to the
 * walkable space (mesoscopic approach, then the pedestrian model inside).
 */
export type SpawnSpec = { polygon: PolygonM } | { points: PointM[] } | { network: PointM };

/** A gate line (see GeometrySpec.gates). */
export interface GateSpec {
  id: string;
  from: PointM;
  to: PointM;
  inside: PointM;
  signal?: { signal: number; phase: number };
  /** Zebra crossings (ids in traffic.zebras) it gives onto: closed while a vehicle that could not stop comfortably approaches one. */
  zebras?: string[];
  /** An event's entry gate: closed until this moment of the schedule (people queue outside it). */
  opensAt?: string;
}

/**
 * A pedestrian network around the walkable space (the city's pedestrian graph): nodes in metres
 * and undirected edges `[from, to]` or `[from, to, widthM]` (walkable width, default 2 m); an
 * edge's length is the distance between its nodes.
 */
export interface NetworkSpec {
  nodes: PointM[];
  edges: ([number, number] | [number, number, number])[];
}

/** A goal: one exit id, or a list of exit ids among which each person chooses. */
export type GoalSpec = string | string[];

export interface ExitSpec {
  id: string;
  polygon: PolygonM;
  /** Optional: the exit closes (stops taking people) at this time, for dynamic exit availability. */
  closeS?: number;
}

export interface PedestrianGroupSpec {
  id: string;
  count: number;
  spawn: SpawnSpec;
  /** When the group appears (default 0). */
  startS?: number;
  /** Optional pre-movement time: each person waits this long after appearing before walking. */
  preMovementS?: number | { distribution: 'uniform' | 'normal' | 'lognormal'; min?: number; max?: number; mean?: number; sd?: number };
  desiredSpeedMps: SpeedSpec;
  goal: GoalSpec;
  /** Body radius in metres (default 0.18 m, i.e. body length l = 0.36 m). */
  radiusM?: number;
  /**
   * The group's behaviour, carried by its people as ground truth for audits (who gets flagged):
   * `sitting` and `lying` stay where they are placed (unless `preMovementS` says when they get
   * up) and cameras see their posture; the others label what the group's own parameters (speed,
   * pre-movement, goal) make it do. Default `ordinary`.
   */
  behaviour?: Behaviour;
  /**
   * The group first gathers: each person walks to the meeting point (`at`, within `radiusM`,
   * default 3 m), stays `stayS` once there, then leaves for the goal (a crowd that forms around a
   * street performer and splits up; engine/step/phases/gather.ts).
   */
  gathering?: GatheringSpec;
  /**
   * Share of the group (0 to 1) with reduced mobility: their desired speed is drawn from
   * U(0.46, 0.76) m/s, the range for impaired walkers of RiMEA 3.0 test 7 (after Weidmann 1993),
   * instead of the group's speed.
   */
  reducedMobilityShare?: number;
  /** People come in social groups that walk together (engine/pedestrians/companions.ts). */
  socialGroups?: SocialGroupsSpec;
}

/**
 * Social groups: `shareBySize[k - 1]` is the share of people who walk in a group of k (k = 1:
 * alone); the shares sum to 1. Members appear together, walk at the slowest one's pace, keep
 * together (Moussaid et al. 2010) and share their meeting point and pre-movement time.
 */
export interface SocialGroupsSpec {
  shareBySize: number[];
}

/**
 * A gathering first: each person walks to a meeting point (`at`, one point or several, each
 * person taking one at random), within `radiusM` (default 3 m), stays there, then leaves for the
 * goal: after `stayS` once there, or from the schedule moment `until` (plus the group's
 * pre-movement time, drawn for each person: people do not all set off the second a show ends).
 */
export interface GatheringSpec {
  at: PointM | PointM[];
  radiusM?: number;
  stayS?: number;
  until?: string;
  /**
   * People stop and stand where the crowd around them (within 1 m) reaches this density, P/m²,
   * rather than pressing on toward the point: an audience finds its place at the edge of the
   * crowd. Without it they press on, as a crowd around a street performer does.
   */
  standAtPerM2?: number;
}

/** A moment of the event's schedule (gates open, show starts, show ends); gatherings end at one. */
export interface MomentSpec {
  id: string;
  atS: number;
  description?: string;
}

/** Where some of a source's arrivals appear: a polygon or a network start point, and their share. */
export interface OriginSpec {
  id: string;
  polygon?: PolygonM;
  network?: PointM;
  share: number;
}

/**
 * Arrivals over time: people per hour in consecutive bins of `binS` seconds (default 900: the
 * planner's table of rates per quarter hour) from the source's `fromS` (default 0).
 */
export interface ArrivalProfileSpec {
  binS?: number;
  perHour: number[];
}

/** Behaviour groups of the audit's benign confounders (issue 6), and ordinary people. */
export type Behaviour = 'ordinary' | 'runner' | 'sitting' | 'lying' | 'waiting' | 'gathering' | 'vendor' | 'child' | 'wheelchair' | 'slowWalker' | 'delivery' | 'wrongWay';

/** Postures (cameras report the ones they see, engine/sensors/posture.ts). */
export const POSTURE_STANDING = 0;
export const POSTURE_SITTING = 1;
export const POSTURE_LYING = 2;
export const POSTURE_NAMES = ['standing', 'sitting', 'lying'] as const;

export interface SourceSpec {
  id: string;
  /**
   * Where people appear; exactly one of `polygon`, `network` (a start point on
   * geometry.network) and `origins` (several places, each with its share of the arrivals).
   */
  polygon?: PolygonM;
  network?: PointM;
  origins?: OriginSpec[];
  /** Exactly one of: a steady rate between fromS and toS; a table of rates (`profile`); a curve of [tS, people per hour] points, linear in between. */
  ratePerS?: number;
  profile?: ArrivalProfileSpec;
  curve?: [number, number][];
  fromS?: number;
  toS?: number;
  goal: GoalSpec;
  desiredSpeedMps: SpeedSpec;
  radiusM?: number;
  /** Each arrival waits this long before walking; with a gathering `until` a moment, after that moment instead. */
  preMovementS?: PedestrianGroupSpec['preMovementS'];
  gathering?: GatheringSpec;
  reducedMobilityShare?: number;
  socialGroups?: SocialGroupsSpec;
}

export interface MeasurementLineSpec {
  id: string;
  from: PointM;
  to: PointM;
}

export interface MeasurementAreaSpec {
  id: string;
  polygon: PolygonM;
  /** For a rehearsal: people pass through (`walkway`, default) or stand and wait (`queue`): which of Fruin's tables applies. */
  kind?: 'walkway' | 'queue';
  /** Measure only from this time (default 0). RiMEA test 4 measures 60 s after the first 10 s. */
  fromS?: number;
  /** Measure only until this time (default: end of run). */
  toS?: number;
}

export interface GeometrySpec {
  walkable: PolygonM[];
  obstacles?: PolygonM[];
  /**
   * Height of each obstacle in metres, parallel to `obstacles`, for camera occlusion
   * (engine/sensors/): a ray from a camera is blocked where it passes below an obstacle's top.
   * An entry that is null or missing (or no list at all) occludes fully, at any height; 0 never
   * occludes. City scenarios get buildings' heights and barriers' typical heights.
   */
  obstacleHeightsM?: (number | null)[];
  exits: ExitSpec[];
  /**
   * Optional periodic boundary along x: a person who walks past `maxXM` re-enters at `minXM`
   * (used for fundamental-diagram measurements in a closed-loop corridor, RiMEA test 4).
   */
  periodicX?: { minXM: number; maxXM: number };
  /** Pedestrian network for people who start away from the walkable space (`spawn.network`). */
  network?: NetworkSpec;
  /**
   * Gates: lines people may not cross from outside while the gate is closed (a kerb at a
   * signalised crossing while the people's light is red). `inside` is a point on the side of the
   * crossing: people already there may always leave. A gate follows phase `phase` of
   * `traffic.signals[signal]` (open while it is green), or stays open without a signal.
   */
  gates?: GateSpec[];
  /** With a city: the part of it simulated (resolved into `walkable` before loading; kept for the record). */
  area?: unknown;
  /** With a city area: carriageways are walkable too (resolved before loading). */
  walkOnRoads?: boolean;
  /** With a city area: walls, fences, hedges and trees are obstacles (default true; resolved before loading). */
  barriers?: boolean;
}

export interface PedestrianModelSpec {
  /** Collision-Free Speed Model (Tordeux, Chraibi, Seyfried 2016); the only model for now. */
  name?: 'collisionFreeSpeed';
  /** Time gap T in seconds (default 0.6, calibrated; see docs/decisions/001-csm-calibration.md). */
  timeGapS?: number;
  /** Neighbour repulsion strength a (default 5) and range D in metres (default 0.15). */
  neighbourRepulsion?: number;
  neighbourRangeM?: number;
  /** Wall repulsion strength and range (defaults 5 and 0.02 m). */
  wallRepulsion?: number;
  wallRangeM?: number;
  /** Weight of people behind in the repulsion, 0..1 (default 1 = isotropic, the published CSM). */
  anisotropy?: number;
  /** Repulsion weight of someone without right of way (farther from the goal), 0..1 (default 0.9; 1 = symmetric). */
  yieldWeight?: number;
  /** Relaxation time of the walking direction in seconds (default 0.1; 0 = none, the published CSM). */
  headingRelaxationS?: number;
}

export interface NavigationSpec {
  /** Floor-field grid cell in metres (default 0.1 m, coarsened automatically beyond 4 million cells). */
  cellM?: number;
  /** Exit choice among several goals: nearest by travel time, or congestion-aware. */
  exitChoice?: 'nearest' | 'congestion';
}

export interface OutputSpec {
  /** Trajectory sampling rate in Hz when trajectories are written (default 10 Hz). */
  trajectoryHz?: number;
}

export interface Scenario {
  name: string;
  /** The city model the scenario is placed in (resolved by the adapter before loading; the engine reads no files). */
  city?: string;
  /**
   * A rules file (detection rules and responses) run live, relative to the scenario file; loaded
   * by the adapter (`vigie run`), which attaches it to the world (engine/responses/ControlLoop.ts).
   */
  rules?: string;
  /**
   * What an audit (`vigie audit`) scores: which rule is meant to detect which incident types,
   * and how alarms are matched to incidents (engine/audit/scoreAudit.ts).
   */
  audit?: AuditScenarioSpec;
  seed: number;
  durationS: number;
  /** Fixed time step in seconds (default 0.05 s). */
  stepS?: number;
  geometry: GeometrySpec;
  pedestrians?: PedestrianGroupSpec[];
  sources?: SourceSpec[];
  /** The event's schedule: named moments (gates open, show ends) that gatherings wait for. */
  schedule?: MomentSpec[];
  /** What a rehearsal measures (issue 7; engine/run/plannerRecorder.ts). */
  planner?: PlannerSpec;
  /**
   * Named what-if variants (`vigie compare`): each a JSON Patch (RFC 6902: add, remove,
   * replace) applied to this file's JSON before it is loaded. The engine itself ignores them.
   */
  variants?: Record<string, { description: string; patch: { op: 'add' | 'remove' | 'replace'; path: string; value?: unknown }[] }>;
  measurementLines?: MeasurementLineSpec[];
  measurementAreas?: MeasurementAreaSpec[];
  model?: PedestrianModelSpec;
  navigation?: NavigationSpec;
  output?: OutputSpec;
  /** Stop before durationS once nobody is left and no one is still to come (default true). */
  stopWhenEmpty?: boolean;
  /** Road traffic: the road network, the demand, signals and detectors. */
  traffic?: TrafficSpec;
  /** Trams: lines on their own track, stops with platforms, timetables (engine/transit/). */
  transit?: TransitSpec;
  /** Recorded trajectories played back among the simulated people (engine/replay/). */
  replays?: ReplaySpec[];
  /** Sensors other than cameras: people counters, tram occupancy, microphones, water gauges, citizen reports, social media (engine/devices/). */
  devices?: DevicesSpec;
  /** Ground truth the devices react to: scripted incidents (a gunshot, a fire...) with a place and a time. */
  incidents?: IncidentSpec[];
  /** Stochastic incidents: Poisson processes drawn from the seed, joining `incidents` (engine/world/drawIncidents.ts). */
  randomIncidents?: RandomIncidentSpec[];
  /** The river's water level over time (a hydrograph), for the water gauges. */
  river?: { levelM: [number, number][] };
  /** Sensors that watch the simulated city (engine/sensors/): cameras and the lighting they need. */
  sensors?: SensorsSpec;
}

/** Sensors: cameras and the scene lighting (docs/decisions/006-events-sensors-rules.md, "Sensors"). */
export interface SensorsSpec {
  cameras?: CameraSpec[];
  lighting?: LightingSpec;
  /** The cameras' weapon classifier (engine/sensors/classifiers.ts); off unless given. */
  weaponDetection?: { falsePerPersonHour?: number };
  /** The cameras' violence (fight) classifier (engine/sensors/classifiers.ts); off unless given. */
  violenceDetection?: { falsePerPersonHour?: number };
}

/**
 * A camera. Defaults (engine/sensors/cameraModel.ts, CAMERA_DEFAULTS) fill what is left out.
 * In a city scenario, `ref` names a surveillance point of interest of the city: its position,
 * mapped direction and type fill `at`, `headingDeg` and `kind` (resolved before loading).
 */
export interface CameraSpec {
  id: string;
  /** The city camera it stands for (kept for the record once resolved). */
  ref?: string;
  /** Fixed, or pan-tilt-zoom (turns toward a bearing at `panSpeedDegS`; `pointCamera`). Default fixed. */
  kind?: 'fixed' | 'ptz';
  at: PointM;
  /** Mounting height above the ground, m. */
  heightM?: number;
  /** Viewing direction, degrees clockwise from north (as OSM `camera:direction`). */
  headingDeg: number;
  /** Horizontal field of view, degrees. */
  fovDeg?: number;
  /** Horizontal resolution, pixels. */
  resolutionPx?: number;
  /** Analytics frame rate, Hz (default 5). */
  frameHz?: number;
  /** Least scene illuminance at which the camera gives a usable image (its data sheet's minimum illumination), lux. */
  minIlluminationLux?: number;
  /** PTZ: pan speed, degrees per second. */
  panSpeedDegS?: number;
  /** Farthest distance analysed, m (default: where detection falls to about 1 %). */
  rangeM?: number;
  /** False detections (objects that are not there), per hour of camera time. */
  falseDetectionsPerHour?: number;
  /** Period of the people count and density estimate (CrowdFlowObserved), s. */
  countEveryS?: number;
  /**
   * Period of a walking person's ObjectTrack events, s (default 3). Vehicles, still and running
   * people report every second, and a track reports at once when its speed class changes.
   */
  trackEveryS?: number;
  /** Line-crossing analytics: lines on the ground in the camera's view. */
  lines?: { id: string; from: PointM; to: PointM }[];
}

/** The scene's lighting, for the cameras' detection probability. */
export interface LightingSpec {
  /**
   * Ambient (sky) illuminance on the ground, lux: a constant, or a day/night profile of
   * `[timeS, lux]` points interpolated linearly (constant before the first and after the last).
   * Default 0 (a dark night) when `lighting` is given; without `lighting`, daylight.
   */
  ambientLux?: number | [number, number][];
  /**
   * City scenarios: the city's street lamps in the area become street lights (resolved before
   * loading, city-models/scenario/resolveStreetLamps.ts; never left in a loaded scenario).
   */
  cityLamps?: { lux: number; radiusM?: number; level?: number };
  /** Street lights: each adds `lux` x `level` inside its polygon (actuators change `level`). */
  streetLights?: { id: string; polygon: PolygonM; lux: number; level?: number }[];
}

/** Public transport: tram lines. */
export interface TransitSpec {
  lines: TramLineSpec[];
}

/**
 * A tram line in one direction: the track (a polyline driven from first to last point), its
 * stops, its rolling stock and its timetable. A stop's id is also a goal: people whose goal is a
 * stop walk to the doors of the trams that stop there and board them.
 */
export interface TramLineSpec {
  id: string;
  name?: string;
  track: PointM[];
  /** Line speed, km/h (default 40). */
  speedKph?: number;
  vehicle?: TramVehicleSpec;
  stops: TramStopSpec[];
  /** Departures from the start of the track: every headwayS between fromS and toS, or at given times. */
  timetable: { headwayS: number; fromS?: number; toS?: number } | { departuresS: number[] };
  /** People on board each tram when it sets off (default 0). */
  initialLoad?: number;
  /** Where the track crosses a road: vehicles on `link` stop before `positionM` while a tram comes (tram priority). */
  roadCrossings?: { trackM: number; link: number; positionM: number }[];
}

/** Rolling stock: defaults are a 32 m, 2.4 m wide tram for 180 people with 4 double doors. */
export interface TramVehicleSpec {
  lengthM?: number;
  widthM?: number;
  capacity?: number;
  doors?: number;
  doorWidthM?: number;
  /** Time one person takes to pass a door group, boarding or alighting, s (default 0.4). */
  secondsPerPassenger?: number;
}

/** A stop: where the tram's front halts along the track and on which side its platform is. */
export interface TramStopSpec {
  id: string;
  name?: string;
  atM: number;
  side: 'left' | 'right';
  /** Distance from the track's axis to the platform edge, m (default half the tram's width + 0.1). */
  platformGapM?: number;
  /**
   * People waiting on the platform while no tram takes them stop and stand where the crowd
   * within 1 m of them reaches this density, P/m² (a calm queue rather than a press at the
   * doors), and move up when a tram opens its doors. Without it they press on to the doors.
   */
  queueAtPerM2?: number;
  /** Share of the people on board who get off here (default 0); they walk to `alightGoal`. */
  alightShare?: number;
  alightGoal?: GoalSpec;
  alightSpeedMps?: SpeedSpec;
  /** Doors stay open at least this long, and at most this long, s (defaults 10 and 90). */
  minDwellS?: number;
  maxDwellS?: number;
}

/** Vehicle classes with their driver-model parameters (engine/vehicles/vehicleClasses.ts). */
export type VehicleClass = 'car' | 'van' | 'bus' | 'truck' | 'emergency' | 'hostile';

/**
 * A directed road network: nodes in metres and links between them. A link's length is its
 * polyline's (from, via..., to); `lanes` default 1, `speedKph` default 50. `priority` (true = 1,
 * default 0): at a node without signals, links of higher priority have right of way (a priority
 * road); between equal priorities, drivers yield to the right (engine/vehicles/junctions.ts).
 */
export interface RoadNetworkSpec {
  nodes: PointM[];
  links: { id?: string; from: number; to: number; lanes?: number; speedKph?: number; via?: PointM[]; priority?: boolean | number }[];
  /**
   * Lane-to-lane connections through the nodes (as SUMO's `<connection from to fromLane
   * toLane>`; lane 0 is a link's rightmost): a link listed as `from` here uses only these; the
   * others get the usual lane use (engine/vehicles/laneConnections.ts: right turns from the
   * rightmost lane, left turns from the leftmost, straight on from every lane).
   */
  connections?: LaneConnectionSpec[];
  /**
   * Explicit right of way at nodes (as SUMO's `<request foes response>` tables): a node listed
   * here uses these conflicts instead of the geometric crossing test (engine/vehicles/junctions.ts).
   */
  rightOfWay?: NodeRightOfWaySpec[];
}

/**
 * One lane-to-lane connection: lane `fromLane` of link `from` leads into lane `toLane` of link `to`.
 * `speedKph`: the speed limit through the junction along it (SUMO's internal lane speed); when any
 * connection of a movement gives one, the movement's turning speed is the lowest given (junctions.ts).
 */
export interface LaneConnectionSpec {
  from: number;
  to: number;
  fromLane: number;
  toLane: number;
  speedKph?: number;
}

/**
 * The conflicts at one node: its turning movements [from link, to link], and per movement the
 * movements it conflicts with and those it gives way to (indices into `movements`).
 * `criticalGapS`: the least time to the arrival of a priority vehicle that a yielding driver
 * accepts, s (default: the HCM 2010 critical gaps by movement; 0: the priority vehicle need only
 * arrive 1 s after the yielding one has cleared the conflict area, as in SUMO's junction model).
 */
export interface NodeRightOfWaySpec {
  node: number;
  movements: [number, number][];
  foes: number[][];
  yieldsTo: number[][];
  criticalGapS?: number;
}

/**
 * Trips from one node to another at a rate, spread evenly over a time window, on the quickest
 * route or on `route` (links in driving order, from `from` to `to`: a route given by the data, as
 * SUMO's per-vehicle routes).
 */
export interface TrafficDemandSpec {
  id: string;
  from: number;
  to: number;
  vehiclesPerHour: number;
  fromS: number;
  toS: number;
  vehicleClass?: VehicleClass;
  route?: number[];
  /**
   * Time profile: relative weights of equal periods splitting fromS..toS; the rate in a period is
   * vehiclesPerHour x weight / mean weight (the total is unchanged). Default: constant.
   */
  profile?: number[];
}

/**
 * Turning movements a program phase shows green or amber: an incoming link of the node (all its
 * movements), or [from link, to link] for one movement (from a link into the node to a link out of it).
 */
export type SignalMovementSpec = number | [number, number];

/** One phase of an explicit signal program (as SUMO's tlLogic phases): every movement not listed is red. */
export interface SignalPhaseSpec {
  durationS: number;
  green: SignalMovementSpec[];
  amber?: SignalMovementSpec[];
}

/**
 * A fixed-time signal plan at a node: two phases built from its approaches, or an explicit
 * program (`phases`, in order; the cycle is the sum of their durations).
 */
export interface SignalSpec {
  node: number;
  /** Explicit program: phases in order (at most 32); amberS and allRedS then only time the actuators' clearances. */
  phases?: SignalPhaseSpec[];
  /** Cycle length, s (default 60; with `phases`, their total). */
  cycleS?: number;
  /** Offset of the cycle start, s (default 0: a green wave sets offsets along a corridor). */
  offsetS?: number;
  /** Amber and all-red times per phase change, s (defaults 3 and 2). */
  amberS?: number;
  allRedS?: number;
}

/** A counting detector (induction loop) at a position along a link. */
export interface DetectorSpec {
  id: string;
  link: number;
  positionM: number;
}

/**
 * A road closure or raised bollards: vehicles may not enter `links` between fromS and toS
 * (default: the whole run); routes avoid them, vehicles already on them drive on, and with
 * `emergencyPass` emergency vehicles are let through (bollards lowered for them).
 */
export interface ClosureSpec {
  id: string;
  kind?: 'bollard' | 'closure';
  links: number[];
  fromS?: number;
  toS?: number;
  emergencyPass?: boolean;
  /** Bollards: the test vehicle mass and speed the row stops (IWA 14-1 / PAS 68); default 7,200 kg at 48 km/h. */
  rating?: { massKg: number; speedKph: number };
}

/**
 * A zebra crossing (no signal): vehicles on `link` stop before `positionM` while someone is on
 * the crossing's `polygon` or about to step onto it (within 1 m of it), as the highway code asks
 * (France: Code de la route R415-11).
 */
export interface ZebraSpec {
  id: string;
  link: number;
  positionM: number;
  polygon: PolygonM;
}

/**
 * An actuation on the traffic (engine/vehicles/actuation.ts), scheduled by a scenario or sent at
 * run time: signals forced to all-red or to a phase and back to their plan (through amber and
 * all-red), a green wave along a corridor of signals, a closure raised or lowered now, one
 * vehicle dispatched from node to node, emergency-vehicle pre-emption switched on or off.
 * Signals are indices in traffic.signals, nodes indices in traffic.roads.nodes.
 */
export type TrafficAction =
  | { kind: 'forceAllRed'; signal: number }
  | { kind: 'forcePhase'; signal: number; phase: number }
  | { kind: 'resumePlan'; signal: number }
  | { kind: 'setGreenWave'; signals: number[]; speedKph: number }
  | { kind: 'setClosure'; closure: string; active: boolean }
  | { kind: 'dispatchVehicle'; vehicleClass: VehicleClass; from: number; to: number; id?: string }
  | { kind: 'setEmergencyPriority'; enabled: boolean };

/** An actuation applied at the first step at or after `atS`. */
export interface ScheduledTrafficAction {
  atS: number;
  action: TrafficAction;
}

/**
 * Emergency-vehicle pre-emption: a signal an emergency vehicle approaches on its route, nearer
 * than `detectionM` metres or `detectionS` seconds at its speed, goes (through amber and all-red)
 * to the phase of its approach and back to its plan once it passed. On by default.
 */
export interface EmergencyPrioritySpec {
  enabled?: boolean;
  /** Detection distance along the route, m (default 300). */
  detectionM?: number;
  /** Detection time (distance over speed), s (default 20). */
  detectionS?: number;
}

export interface TrafficSpec {
  roads: RoadNetworkSpec;
  demand?: TrafficDemandSpec[];
  signals?: SignalSpec[];
  detectors?: DetectorSpec[];
  closures?: ClosureSpec[];
  zebras?: ZebraSpec[];
  /** Actuations applied during the run, by time. */
  actions?: ScheduledTrafficAction[];
  /** Emergency-vehicle signal pre-emption (on by default). */
  emergencyPriority?: EmergencyPrioritySpec;
}

/**
 * Recorded movement played back: real people's trajectories (the Jülich/PedPy, ETH/UCY files,
 * or Vigie's own trajectories.csv) placed in the scenario with a transform. The replayed people
 * move exactly as recorded; simulated people avoid them and sensors see them like anyone.
 */
export interface ReplaySpec {
  id: string;
  /** The recording, relative to the scenario file: read by the adapter into `tracks` (the engine reads no files). */
  file?: string;
  /** `eth-ucy`: frame id x y; `juelich`: id frame x y z (# comments); `vigie`: id,timeS,x,y with a header. */
  format?: 'eth-ucy' | 'juelich' | 'vigie';
  /** Seconds per frame number of the file (eth-ucy UCY 0.04, biwi_eth 1/15; juelich 1/16 or 1/25). */
  frameS?: number;
  /** Metres per coordinate unit of the file (juelich files in centimetres: 0.01). Default 1. */
  unitM?: number;
  /** Placement: scale, then rotation (degrees, counter-clockwise), then translation (metres). */
  transform?: { scale?: number; rotateDeg?: number; translate?: PointM };
  /** Simulation time of the recording's first instant, s (default 0). */
  startS?: number;
  /** The tracks: per recorded person, [timeS, x, y] points in time order (time from the recording's start, metres before the transform). */
  tracks?: { id: string; points: [number, number, number][] }[];
}

/** A scripted incident: ground truth with a type, a place and a time window. */
export interface IncidentSpec {
  id: string;
  /**
   * gunshot, shout, glass (sounds); fire (cameras see it), fall (a person lying at `at`, seen by
   * cameras), object (a bag left at `at`, seen by cameras), fight, flood, other.
   */
  type: 'gunshot' | 'shout' | 'glass' | 'fire' | 'fight' | 'fall' | 'object' | 'weapon' | 'flood' | 'other';
  at: PointM;
  startS: number;
  /** End, s (default startS + 1 for sounds, startS + 300 otherwise). */
  endS?: number;
  /** Sounds: source level at 1 m, dB (defaults by type: gunshot 150, glass 110, shout 95). */
  levelDb?: number;
}

/** A Poisson process of incidents of one type over an area (engine/world/drawIncidents.ts). */
export interface RandomIncidentSpec {
  id: string;
  type: IncidentSpec['type'];
  ratePerHour: number;
  area: PolygonM;
  /** Seconds, or [min, max] drawn uniformly (default: 1 s for sounds, 300 s otherwise). */
  durationS?: number | [number, number];
  fromS?: number;
  toS?: number;
}

/** Sensors other than cameras (engine/devices/). */
export interface DevicesSpec {
  /** People counters on a line (thermal or stereo overhead counters): counts per direction and period, each crossing missed with `missRate`. */
  counters?: { id: string; from: PointM; to: PointM; missRate?: number; reportEveryS?: number }[];
  /** Automatic passenger counters in every tram: occupancy every `reportEveryS` and at each departure, with a relative error. */
  tramOccupancy?: { id: string; reportEveryS?: number; relativeErrorSd?: number };
  /** Acoustic sensors: detect sound incidents above a threshold, locate them with an error growing with distance, classify with confusion. */
  microphones?: { id: string; at: PointM; thresholdDb?: number; falseAlarmsPerHour?: number }[];
  /** Water-level gauges on the river: the level every `reportEveryS` with a measurement error. */
  waterGauges?: { id: string; at: PointM; reportEveryS?: number; errorSdM?: number }[];
  /** Citizen reports from smartphones about incidents: how many, how late, how far off, and mistaken ones. */
  citizenReports?: { reportsPerIncident?: number; medianDelayS?: number; locationErrorSdM?: number; mistakenPerHour?: number; area?: PolygonM };
  /** A synthetic social-media signal: posts per period around places, a baseline rate and a surge during incidents nearby. */
  socialMedia?: { id: string; at: PointM; radiusM?: number; baselinePerHour?: number; surgeFactor?: number; reportEveryS?: number }[];
}

/** The audit section of a scenario (engine/audit/scoreAudit.ts, AuditSpec). */
export interface AuditScenarioSpec {
  /** Rule id -> the incident types it is meant to detect. */
  rules: Record<string, string[]>;
  /** An alarm may come this long after the incident's end, s (default 30). */
  matchWindowS?: number;
  /** An alarm may come this long before the incident's start (an early warning), s (default 0). */
  matchLeadS?: number;
  /** An alarm must be this close to the incident when both have a place, m (default 50). */
  matchRadiusM?: number;
  /** Ground truth from behaviour: each entry of a person into a polygon is an incident of its type (engine/run/auditRun.ts). */
  zones?: { id: string; type: string; polygon: PolygonM; of?: 'people' | 'vehicles'; densityAbovePerM2?: number; forS?: number; countChange?: { by: number; overS: number; minCount?: number } }[];
  /** Ground truth of a flood: the river above this level (engine/audit/floodTruth.ts). */
  flood?: { levelAboveM: number };
  /** Ground truth from behaviour: each crossing of a line against its direction is an incident of its type. */
  lines?: { id: string; type: string; from: PointM; to: PointM }[];
  /** The base-rate calculator's face-identification system (engine/audit/scoreAudit.ts, IdentificationSpec). */
  identification?: { watchListSize: number; falseMatchRate: number; trueMatchRate: number; watchListedPerDay?: number };
}

/** A rehearsal's settings: how often it samples, the moment the egress is timed from. */
export interface PlannerSpec {
  /** Sampling period of the density maps and series, s (default 1). */
  sampleS?: number;
  /** A density map is kept for the report every this many seconds (default 600). */
  snapshotEveryS?: number;
  /** The schedule moment the egress is timed from (default: the start). */
  egressFrom?: string;
}
