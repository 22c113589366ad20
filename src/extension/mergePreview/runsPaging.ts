/** How many runs the Runs section lists at first, and adds with each "Show more". */
export const RUNS_BATCH = 20;
