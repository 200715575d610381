// "Copy as curl / Python / JavaScript" for the query in the editor. The key is always read
// from an environment variable in the snippet, never pasted into it.
import { formatJson } from "./format.js";

export const SNIPPETS = [
  { id: "curl", label: "curl" },
  { id: "python", label: "Python" },
  { id: "javascript", label: "JavaScript" },
];

const KEY_VARIABLE = "STATS_API_KEY";

function indentTail(text, prefix) {
  return text.split("\n").join(`\n${prefix}`);
}

const render = {
  curl: (url, body) =>
    [
      `curl -X POST ${url} \\`,
      `  -H "Authorization: Bearer $${KEY_VARIABLE}" \\`,
      '  -H "Content-Type: application/json" \\',
      `  -d '${body.replace(/'/g, "'\\''")}'`,
    ].join("\n"),
  python: (url, body) =>
    [
      "import json",
      "import os",
      "",
      "import httpx",
      "",
      `query = json.loads(r"""${body}""")`,
      "response = httpx.post(",
      `    ${JSON.stringify(url)},`,
      `    headers={"Authorization": f"Bearer {os.environ['${KEY_VARIABLE}']}"},`,
      "    json=query,",
      ")",
      "print(response.status_code, response.json())",
    ].join("\n"),
  javascript: (url, body) =>
    [
      `const response = await fetch(${JSON.stringify(url)}, {`,
      '  method: "POST",',
      "  headers: {",
      `    Authorization: \`Bearer \${process.env.${KEY_VARIABLE}}\`,`,
      '    "Content-Type": "application/json",',
      "  },",
      `  body: JSON.stringify(${indentTail(body, "  ")}),`,
      "});",
      "console.log(response.status, await response.json());",
    ].join("\n"),
};

/** The snippet `kind` for `query` sent to `url` (the full /api/v2/query address). */
export function snippet(kind, url, query) {
  return render[kind](url, formatJson(query));
}
