// The actor this process records human operations as: `CRUCIBLE_ACTOR`, or
// "human". Read once, by the process that opens the record; a process reaching
// the record over the socket is recorded as the holder's actor, never its own.
export const processActor = (env: NodeJS.ProcessEnv = process.env): string => env.CRUCIBLE_ACTOR ?? 'human';
