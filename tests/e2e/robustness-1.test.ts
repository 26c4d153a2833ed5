// The robustness walk (robustness-walk.ts), shard 1 of 2.
import { robustnessWalk } from "./robustness-walk.js";

robustnessWalk(0, 2);
