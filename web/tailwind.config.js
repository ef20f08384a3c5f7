/** @type {import('tailwindcss').Config} */
export default {
  content: ["./index.html", "./src/**/*.{ts,tsx}"],
  // Dark follows the system unless the user picked a theme: the toggle puts "light" or
  // "dark" on <html>, and the media query applies only when neither is there.
  darkMode: [
    "variant",
    [
      "@media (prefers-color-scheme: dark) { html:not(.light):not(.dark) & }",
      "html.dark &",
    ],
  ],
  theme: { extend: {} },
  plugins: [],
};
