// Render every LaTeX fragment of the website in one Node process.
//
// Input (stdin): a JSON array of {"tex": string, "display": boolean}.
// Output (stdout): a JSON array of the same length; each item is {"html": string} when KaTeX
// rendered the fragment, or {"error": string} when it rejected it. The Python builder
// (theorems/site.py) turns any error into a build failure that names the claim.
import katex from "katex";

const chunks = [];
process.stdin.on("data", (chunk) => chunks.push(chunk));
process.stdin.on("end", () => {
  const fragments = JSON.parse(Buffer.concat(chunks).toString("utf8"));
  const out = fragments.map(({ tex, display }) => {
    try {
      return {
        html: katex.renderToString(tex, {
          displayMode: Boolean(display),
          throwOnError: true,
          output: "htmlAndMathml",
          strict: "ignore",
          trust: false,
        }),
      };
    } catch (err) {
      return { error: String(err && err.message ? err.message : err) };
    }
  });
  process.stdout.write(JSON.stringify(out));
});
