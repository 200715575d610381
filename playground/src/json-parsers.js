// Stands in for codemirror-json-schema's parsers/index.js (see build.mjs). The playground
// edits JSON only, and the original module also pulls in the YAML and JSON5 parsers (about
// 140 KB of the editor chunk) to pick one by mode.
import { parseJSONDocumentState } from "codemirror-json-schema/json-parser";

export const getDefaultParser = () => parseJSONDocumentState;
