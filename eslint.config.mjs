import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "lib/generated/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    // Only lib/ may touch the database client.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db", "@/lib/generated/*"], message: "Go through a lib/<domain> function instead." },
          ],
        },
      ],
    },
  },
  {
    // The server logs through lib/log.ts, which keeps addresses, numbers and secrets out.
    files: ["app/**/*.{ts,tsx}", "lib/**/*.ts", "proxy.ts", "instrumentation.ts"],
    ignores: ["lib/log.ts", "lib/startup/**"],
    rules: { "no-console": "error" },
  },
];

export default config;
