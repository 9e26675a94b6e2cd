import { inject } from "vitest";

// Each test worker talks to the stack the global setup started.
Object.assign(process.env, inject("testEnv"));
