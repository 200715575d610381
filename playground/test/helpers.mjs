// Shared by the query-language tests: the real query schema, a small editor data fixture (the
// shape statsref.docsgen.editor_data writes) and the marked-cursor helper.
import { readFileSync } from "node:fs";
import { Messages } from "../src/language/messages.js";
import { SchemaPaths } from "../src/language/schema-paths.js";
import { Validator } from "../src/language/validate.js";

const read = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));

export const schema = read("../../schema/query.schema.json");
export const data = read("./fixtures/editor.json");
export const validator = new Validator(schema);
export const paths = new SchemaPaths(validator);
export const messages = new Messages(paths);
export const CLOCK = data.clock;
export const BASE = '"site_id": "dummy.site", "metrics": ["visitors"], "date_range": "7d"';

/** `[text, pos]` of a text with the cursor marked `|`. */
export function marked(text) {
  return [text.replace("|", ""), text.indexOf("|")];
}

/** The messages the schema gives for `query`. */
export function messagesFor(query) {
  return validator.check(query).map((error) => messages.message(error));
}
