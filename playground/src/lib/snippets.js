// "Copy as curl / Python / JavaScript" for the query in the editor, sent to the reader's target.
// A real key is never pasted into a snippet: it is read from an environment variable. Only the
// local mock's public demo key is written out, as the docs' own samples do.
import { formatJson } from "./format.js";

export const SNIPPETS = [
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "javascript", label: "JavaScript" },
];

function indentTail(text, prefix) {
  return text.split("\n").join(`\n${prefix}`);
}

/** How each language writes the Authorization header's value. */
const bearer = {
  curl: ({ key, keyVariable }) => (key ? `Bearer ${key}` : `Bearer $${keyVariable}`),
  python: ({ key, keyVariable }) =>
    key ? JSON.stringify(`Bearer ${key}`) : `f"Bearer {os.environ['${keyVariable}']}"`,
  javascript: ({ key, keyVariable }) =>
    key ? JSON.stringify(`Bearer ${key}`) : `\`Bearer \${process.env.${keyVariable}}\``,
};

const render = {
  curl: (to, body) =>
    [
      `curl -X POST ${to.url} \\`,
      `  -H "Authorization: ${bearer.curl(to)}" \\`,
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
      `    headers={"Authorization": ${bearer.python(to)}},`,
      "    json=query,",
      ")",
      "print(response.status_code, response.json())",
    ].join("\n"),
  javascript: (to, body) =>
    [
      `const response = await fetch(${JSON.stringify(to.url)}, {`,
      '  method: "POST",',
      "  headers: {",
      `    Authorization: ${bearer.javascript(to)},`,
      '    "Content-Type": "application/json",',
      "  },",
      `  body: JSON.stringify(${indentTail(body, "  ")}),`,
      "});",
      "console.log(response.status, await response.json());",
    ].join("\n"),
};

/**
 * The snippet `kind` for `query` sent to `to`: `{url}` (the full /api/v2/query address) and
 * either `key` (written out) or `keyVariable` (read from the environment).
 */
export function snippet(kind, to, query) {
  return render[kind](to, formatJson(query));
}
