import { defineConfig, devices } from "@playwright/test";

// The stack is started by scripts/test-e2e.ts (npm run test:e2e), which sets BASE_URL.
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: false,
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  reporter: [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: process.env.BASE_URL ?? "http://localhost:3000",
    locale: "vi-VN",
    trace: "off",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  projects: [
    // 360 px wide phone first: that is what most farmers and buyers hold.
    {
      name: "journeys",
      testIgnore: [/resilience/, /(harvest|dispatch|delivery)\.spec\.ts$/],
      use: {
        ...devices["Pixel 5"],
        viewport: { width: 360, height: 740 },
        browserName: "chromium",
      },
    },
    // The harvest specs move the app's one clock (decision 0045): one after another,
    // after the other journeys, never beside each other; the dispatcher's day first
    // (the delivery spec shares the next day, where it moves a delivery).
    {
      name: "clock-dispatch",
      testMatch: /dispatch\.spec\.ts$/,
      dependencies: ["journeys"],
      workers: 1,
      use: {
        ...devices["Pixel 5"],
        viewport: { width: 360, height: 740 },
        browserName: "chromium",
      },
    },
    {
      name: "clock-harvest",
      testMatch: /(harvest|delivery)\.spec\.ts$/,
      dependencies: ["clock-dispatch"],
      workers: 1,
      use: {
        ...devices["Pixel 5"],
        viewport: { width: 360, height: 740 },
        browserName: "chromium",
      },
    },
    {
      name: "resilience",
      testMatch: /resilience/,
      dependencies: ["clock-harvest"], // it kills the app server: after every journey,
      use: { browserName: "chromium" },
    },
  ],
});
