import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "data/**",
      "app/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["**/generated/prisma/client"],
              message: "Import prisma from ~/utils/db.server",
            },
          ],
        },
      ],
    },
  },
  { files: ["app/utils/db.server.ts"], rules: { "no-restricted-imports": "off" } },
  {
    // Rules of the trade: plain modules, no framework, no database. A feature folder
    // keeps its own as rules.ts or rules/** (app/certificates/rules.ts).
    files: ["app/domain/**", "app/routing/**", "app/*/rules.ts", "app/*/rules/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: ["@remix-run/*", "react", "~/utils/*", "**/*.server"] },
      ],
    },
  },
);
