// The robustness walk (robustness-walk.ts), shard 2 of 2.
import { robustnessWalk } from "./robustness-walk.js";

robustnessWalk(1, 2);
