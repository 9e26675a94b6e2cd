import { afterAll, inject } from "vitest";
import { prepareTestData } from "./test-data";

// Runs before each test file, before it imports the app: the stack the global setup
// started, and this file's own copy of the template (database, files, search indexes).
const { XUTRA_TEST_ROOT, ...shared } = inject("testEnv");
Object.assign(process.env, shared);
const data = await prepareTestData(XUTRA_TEST_ROOT);

afterAll(() => data.dispose());
