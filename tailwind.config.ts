import type { Config } from "tailwindcss";

// Tailwind 4 reads this file through `@config` in app/globals.css.
const config: Config = {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
  theme: {
    extend: {
      colors: {
        brand: {
          50: "#f2f7f5",
          100: "#dcebe4",
          500: "#2f7d62",
          600: "#25654f",
          700: "#1d5040",
        },
      },
    },
  },
};

export default config;
