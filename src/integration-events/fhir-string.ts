/**
 * Free text as an HL7 FHIR R4 `string`. The official FHIR R4 JSON schema allows no whitespace in
 * a string but SPACE, TAB, LF and CR (`^[ \r\n\t\S]+$`, where `\s` is every Unicode space), while
 * free text that reaches this API may hold others (text pasted from an editor or a formatted
 * time carries NO-BREAK SPACE or NARROW NO-BREAK SPACE). So that a consumer validating with that
 * schema accepts it: LINE SEPARATOR and PARAGRAPH SEPARATOR become LF, ZERO WIDTH NO-BREAK SPACE
 * (an invisible byte order mark) goes, and every other space separator becomes SPACE. The words
 * stay as they were written; control characters are left as they are, for the published schema
 * to refuse.
 */
export function fhirString(text: string): string {
  return text
    .replace(/[\u2028\u2029]/g, '\n')
    .replace(/\ufeff/g, '')
    .replace(/[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g, ' ');
}
