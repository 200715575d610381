// "Copy as curl / Python / JavaScript" for the query in the editor, sent where the reader's
// queries go. A real key is never pasted into a snippet: it is read from an environment
// variable. Only the local mock's public demo key is written out, as the docs' own samples do,
// with the clock the answer on the page was computed under (the mock's X-Statsref-Clock), so
// the snippet gives the same numbers. Each snippet starts with what it needs to run, in the
// words of the docs' samples (statsref.docsgen.snippets).
import { formatJson } from "./format.js";

export const SNIPPETS = [
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "javascript", label: "JavaScript" },
];

/** The header asking the mock for a clock (statsref.server.clock). */
export const CLOCK_HEADER = "X-Statsref-Clock";

function indentTail(text, prefix) {
  return text.split("\n").join(`\n${prefix}`);
}

/** What each language needs besides the target, said first. */
const TOOLS = {
  curl: null,
  python: "httpx: pip install httpx",
  javascript: "Node.js 18+ (fetch built in), as an ES module: save it as query.mjs",
};
const COMMENT = { curl: "#", python: "#", javascript: "//" };

/** What the snippet needs, as comment lines: its tool, the mock or a key, why a clock. */
function needs(kind, to) {
  const lines = TOOLS[kind] ? [`Needs ${TOOLS[kind]}.`] : [];
  if (to.key) lines.push("Needs the local mock server running: statsref serve");
  else lines.push(`Needs a Stats API key in $${to.keyVariable} (account Settings, API Keys).`);
  if (to.key && to.clock) {
    lines.push(`${CLOCK_HEADER}: the mock answers as of ${to.clock}, as on this page;`);
    lines.push("without it, as of now, with other numbers.");
  }
  return lines.map((line) => `${COMMENT[kind]} ${line}`);
}

/** The headers besides the content type, as `[name, value]` with the value written in the
 * language (a shell word for curl, an expression otherwise): the key, and the mock's clock. */
function headers(kind, to) {
  const bearer = {
    curl: () => (to.key ? `Bearer ${to.key}` : `Bearer $${to.keyVariable}`),
    python: () => (to.key ? JSON.stringify(`Bearer ${to.key}`) : `f"Bearer {os.environ['${to.keyVariable}']}"`),
    javascript: () => (to.key ? JSON.stringify(`Bearer ${to.key}`) : `\`Bearer \${process.env.${to.keyVariable}}\``),
  }[kind]();
  const clock = to.key && to.clock ? [[CLOCK_HEADER, kind === "curl" ? to.clock : JSON.stringify(to.clock)]] : [];
  return [["Authorization", bearer], ...clock];
}

const render = {
  curl: (to, body) =>
    [
      `curl -X POST ${to.url} \\`,
      ...headers("curl", to).map(([name, value]) => `  -H "${name}: ${value}" \\`),
      '  -H "Content-Type: application/json" \\',
      `  -d '${body.replace(/'/g, "'\\''")}'`,
    ].join("\n"),
  python: (to, body) =>
    [
      "import json",
      ...(to.key ? [] : ["import os"]),
      "",
      "import httpx",
      "",
      `query = json.loads(r"""${body}""")`,
      "response = httpx.post(",
      `    ${JSON.stringify(to.url)},`,
      "    headers={",
      ...headers("python", to).map(([name, value]) => `        ${JSON.stringify(name)}: ${value},`),
      "    },",
      "    json=query,",
      ")",
      "print(response.status_code, response.json())",
    ].join("\n"),
  javascript: (to, body) =>
    [
      `const response = await fetch(${JSON.stringify(to.url)}, {`,
      '  method: "POST",',
      "  headers: {",
      ...headers("javascript", to).map(([name, value]) => `    ${/^\w+$/.test(name) ? name : JSON.stringify(name)}: ${value},`),
      '    "Content-Type": "application/json",',
      "  },",
      `  body: JSON.stringify(${indentTail(body, "  ")}),`,
      "});",
      "console.log(response.status, await response.json());",
    ].join("\n"),
};

/**
 * The snippet `kind` for `query` sent to `to`: `{url}` (the full /api/v2/query address), either
 * `key` (written out: the mock's) or `keyVariable` (read from the environment), and for the
 * mock the `clock` to ask for.
 */
export function snippet(kind, to, query) {
  return [...needs(kind, to), render[kind](to, formatJson(query))].join("\n");
}
