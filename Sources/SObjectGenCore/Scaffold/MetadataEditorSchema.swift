/// The editor schema of the metadata format (`metadata.schema.json`): editors with the YAML language
/// server check object files against it as they are typed. `sobjectgen init` writes it into a new
/// metadata folder; `MetadataEditorSchemaTests` keeps `Metadata/metadata.schema.json` equal to it, and
/// `MetadataSchemaTests` keeps both equal to what the loader accepts.
public enum MetadataEditorSchema {
  /// The schema's file name, beside the metadata folder's `objects/`.
  public static let fileName = "metadata.schema.json"

  public static let json = #"""
{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://sobjectgen.example/metadata.schema.json",
  "title": "SObjectGen object metadata",
  "description": "One Salesforce object (sObject) per file, as its Object Reference page describes it. See docs/metadata-format.md.",
  "$ref": "#/$defs/object",
  "$defs": {
    "apiVersion": {
      "description": "A Salesforce API version: a whole number then .0, such as 55.0.",
      "anyOf": [
        {
          "type": "string",
          "pattern": "^[1-9][0-9]{0,3}\\.0$"
        },
        {
          "type": "number",
          "minimum": 1,
          "multipleOf": 1
        }
      ]
    },
    "apiName": {
      "type": "string",
      "pattern": "^[A-Za-z][A-Za-z0-9_]*$",
      "maxLength": 45,
      "description": "A Salesforce API name: a letter first, then letters, digits and single underscores."
    },
    "object": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "label",
        "pluralLabel"
      ],
      "properties": {
        "name": {
          "$ref": "#/$defs/apiName",
          "description": "The object's API name; the file is named after it."
        },
        "label": {
          "type": "string",
          "minLength": 1,
          "description": "The object's label."
        },
        "pluralLabel": {
          "type": "string",
          "minLength": 1,
          "description": "The object's plural label."
        },
        "description": {
          "type": "string",
          "minLength": 1,
          "description": "The description from the reference page, verbatim."
        },
        "keyPrefix": {
          "type": "string",
          "pattern": "^[A-Za-z0-9]{3}$",
          "description": "The three-character prefix of the object's record IDs (quote it: \"001\")."
        },
        "since": {
          "$ref": "#/$defs/apiVersion",
          "description": "The API version the object appeared in (\"available in API version 55.0 and later\")."
        },
        "supportedCalls": {
          "type": "array",
          "uniqueItems": true,
          "items": {
            "enum": [
              "convertLead",
              "create",
              "delete",
              "describeLayout",
              "describeSObjects",
              "getDeleted",
              "getUpdated",
              "merge",
              "process",
              "query",
              "retrieve",
              "search",
              "undelete",
              "update",
              "upsert"
            ]
          },
          "description": "The calls under \"Supported Calls\", without parentheses."
        },
        "specialAccessRules": {
          "type": "string",
          "description": "The text under \"Special Access Rules\"; an empty string for a heading with nothing under it."
        },
        "usage": {
          "type": "string",
          "minLength": 1,
          "description": "The text under \"Usage\"."
        },
        "associatedObjects": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/associatedObject"
          },
          "description": "The objects under \"Associated Objects\" (feed, history, share, change event…)."
        },
        "recordTypes": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/recordType"
          },
          "description": "Record types besides the implicit Master record type."
        },
        "layouts": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/layout"
          },
          "description": "Page layouts, emitted as describeLayout."
        },
        "fields": {
          "type": "object",
          "description": "The fields, keyed by API name. System fields (Id, CreatedDate, …) are implicit.",
          "propertyNames": {
            "pattern": "^[A-Za-z][A-Za-z0-9_]*$"
          },
          "additionalProperties": {
            "$ref": "#/$defs/field"
          }
        },
        "rules": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/rule"
          },
          "description": "Derived-field rules."
        }
      }
    },
    "associatedObject": {
      "oneOf": [
        {
          "$ref": "#/$defs/apiName"
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "name"
          ],
          "properties": {
            "name": {
              "$ref": "#/$defs/apiName"
            },
            "description": {
              "type": "string",
              "minLength": 1,
              "description": "The line the reference page gives under the name."
            },
            "since": {
              "$ref": "#/$defs/apiVersion"
            }
          }
        }
      ]
    },
    "recordType": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "developerName",
        "label"
      ],
      "properties": {
        "developerName": {
          "$ref": "#/$defs/apiName"
        },
        "label": {
          "type": "string",
          "minLength": 1,
          "description": "The record type's label."
        },
        "id": {
          "type": "string",
          "pattern": "^012[A-Za-z0-9]{12}([A-Za-z0-9]{3})?$",
          "description": "The record type's 15- or 18-character ID."
        },
        "description": {
          "type": "string",
          "minLength": 1,
          "description": "What the record type is for."
        },
        "active": {
          "type": "boolean",
          "description": "Whether the record type is active (default true)."
        },
        "default": {
          "type": "boolean",
          "description": "Whether it is the default record type (default false)."
        }
      }
    },
    "field": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "properties"
      ],
      "properties": {
        "label": {
          "type": "string",
          "minLength": 1,
          "description": "The field's label; derived from the API name when left out (OwnerId → Owner ID)."
        },
        "type": {
          "enum": [
            "id",
            "string",
            "textarea",
            "phone",
            "email",
            "url",
            "boolean",
            "date",
            "datetime",
            "time",
            "int",
            "long",
            "double",
            "currency",
            "percent",
            "picklist",
            "multipicklist",
            "combobox",
            "reference",
            "encryptedstring",
            "base64"
          ],
          "description": "The Salesforce field type, as describe spells it."
        },
        "properties": {
          "type": "array",
          "uniqueItems": true,
          "items": {
            "enum": [
              "Autonumber",
              "Calculated",
              "Cascade delete",
              "Case sensitive",
              "Create",
              "Defaulted on create",
              "Encrypted",
              "External ID",
              "Filter",
              "Group",
              "idLookup",
              "Namepointing",
              "Nillable",
              "Query By Distance",
              "Restricted delete",
              "Restricted picklist",
              "Sort",
              "Unique",
              "Update"
            ]
          },
          "description": "The properties exactly as the reference page lists them."
        },
        "description": {
          "type": "string",
          "minLength": 1,
          "description": "The description from the page, without the leading \"Required.\" or \"Read-only.\"."
        },
        "required": {
          "type": "boolean",
          "description": "The page's description starts with \"Required.\"."
        },
        "readOnly": {
          "type": "boolean",
          "description": "The page's description starts with \"Read-only.\"."
        },
        "default": {
          "type": [
            "string",
            "number",
            "boolean"
          ],
          "description": "The default value (\"The default value is …\")."
        },
        "length": {
          "type": "integer",
          "minimum": 1,
          "description": "Length in characters, for text-like types."
        },
        "precision": {
          "type": "integer",
          "minimum": 1,
          "maximum": 18,
          "description": "Total digits, for double, currency and percent."
        },
        "scale": {
          "type": "integer",
          "minimum": 0,
          "maximum": 18,
          "description": "Digits after the decimal point, for double, currency and percent."
        },
        "digits": {
          "type": "integer",
          "minimum": 1,
          "maximum": 18,
          "description": "Digits, for int and long."
        },
        "values": {
          "type": "array",
          "minItems": 1,
          "items": {
            "$ref": "#/$defs/picklistValue"
          },
          "description": "Picklist values (\"Possible values are:\")."
        },
        "extensible": {
          "type": "boolean",
          "description": "\"Your Salesforce admin can define new field values or update the existing field values.\""
        },
        "referenceTo": {
          "type": "array",
          "minItems": 1,
          "uniqueItems": true,
          "items": {
            "$ref": "#/$defs/apiName"
          },
          "description": "\"Refers To\": the objects the reference may point to; more than one makes it polymorphic."
        },
        "relationshipName": {
          "$ref": "#/$defs/apiName",
          "description": "\"Relationship Name\"."
        },
        "relationshipType": {
          "enum": [
            "Lookup",
            "Master-detail",
            "Hierarchy"
          ],
          "description": "\"Relationship Type\"; outputs treat a missing one as Lookup."
        },
        "since": {
          "$ref": "#/$defs/apiVersion",
          "description": "The API version the field appeared in."
        },
        "nameField": {
          "type": "boolean",
          "description": "Whether this is the object's name field (default: the field called Name)."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "type": {
                "enum": [
                  "picklist",
                  "multipicklist",
                  "combobox"
                ]
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "required": [
              "values"
            ]
          },
          "else": {
            "not": {
              "anyOf": [
                {
                  "required": [
                    "values"
                  ]
                },
                {
                  "required": [
                    "extensible"
                  ]
                }
              ]
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "reference"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "required": [
              "referenceTo",
              "relationshipName"
            ]
          },
          "else": {
            "not": {
              "anyOf": [
                {
                  "required": [
                    "referenceTo"
                  ]
                },
                {
                  "required": [
                    "relationshipName"
                  ]
                },
                {
                  "required": [
                    "relationshipType"
                  ]
                }
              ]
            }
          }
        }
      ]
    },
    "picklistValue": {
      "oneOf": [
        {
          "type": "string",
          "minLength": 1
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "value"
          ],
          "properties": {
            "value": {
              "type": "string",
              "minLength": 1,
              "description": "The API value."
            },
            "label": {
              "type": "string",
              "minLength": 1,
              "description": "The label, when it differs from the value."
            },
            "active": {
              "type": "boolean",
              "description": "Whether the value is active (default true)."
            }
          }
        }
      ]
    },
    "layout": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "sections"
      ],
      "properties": {
        "name": {
          "type": "string",
          "minLength": 1,
          "description": "The layout's name."
        },
        "sections": {
          "type": "array",
          "items": {
            "$ref": "#/$defs/layoutSection"
          }
        }
      }
    },
    "layoutSection": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "heading",
        "fields"
      ],
      "properties": {
        "heading": {
          "type": "string",
          "minLength": 1,
          "description": "The section heading."
        },
        "columns": {
          "type": "integer",
          "minimum": 1,
          "maximum": 3,
          "description": "Columns (default 2)."
        },
        "tabOrder": {
          "enum": [
            "TopToBottom",
            "LeftToRight"
          ],
          "description": "Tab order (default TopToBottom)."
        },
        "fields": {
          "type": "array",
          "description": "Cells row by row; null is an empty cell.",
          "items": {
            "$ref": "#/$defs/layoutItem"
          }
        }
      }
    },
    "layoutItem": {
      "oneOf": [
        {
          "type": "null"
        },
        {
          "$ref": "#/$defs/apiName"
        },
        {
          "type": "object",
          "additionalProperties": false,
          "required": [
            "field"
          ],
          "properties": {
            "field": {
              "$ref": "#/$defs/apiName"
            },
            "required": {
              "type": "boolean",
              "description": "Required on this layout."
            },
            "readOnly": {
              "type": "boolean",
              "description": "Read-only on this layout."
            }
          }
        }
      ]
    },
    "rule": {
      "type": "object",
      "additionalProperties": false,
      "required": [
        "kind"
      ],
      "properties": {
        "kind": {
          "enum": [
            "valueMap",
            "duration",
            "currentTimeWhenTrue",
            "atLeastOneOf"
          ],
          "description": "What the rule computes (valueMap, duration, currentTimeWhenTrue) or constrains (atLeastOneOf)."
        },
        "field": {
          "$ref": "#/$defs/apiName",
          "description": "The field the rule sets (every kind but atLeastOneOf)."
        },
        "description": {
          "type": "string",
          "minLength": 1,
          "description": "The rule in words."
        },
        "source": {
          "$ref": "#/$defs/apiName",
          "description": "valueMap: the picklist whose value is mapped."
        },
        "map": {
          "type": "object",
          "additionalProperties": {
            "type": "string"
          },
          "description": "valueMap: source value → target value."
        },
        "start": {
          "$ref": "#/$defs/apiName",
          "description": "duration: the start date/time field."
        },
        "end": {
          "$ref": "#/$defs/apiName",
          "description": "duration: the end date/time field."
        },
        "unit": {
          "enum": [
            "seconds",
            "minutes",
            "hours"
          ],
          "description": "duration: the unit of the result."
        },
        "trigger": {
          "$ref": "#/$defs/apiName",
          "description": "currentTimeWhenTrue: the boolean field whose becoming true sets the time."
        },
        "fields": {
          "type": "array",
          "minItems": 2,
          "uniqueItems": true,
          "items": {
            "$ref": "#/$defs/apiName"
          },
          "description": "atLeastOneOf: the fields of which at least one must have a value."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "kind": {
                "const": "valueMap"
              }
            }
          },
          "then": {
            "required": [
              "field",
              "source",
              "map"
            ],
            "properties": {
              "start": false,
              "end": false,
              "unit": false,
              "trigger": false,
              "fields": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "kind": {
                "const": "duration"
              }
            }
          },
          "then": {
            "required": [
              "field",
              "start",
              "end",
              "unit"
            ],
            "properties": {
              "source": false,
              "map": false,
              "trigger": false,
              "fields": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "kind": {
                "const": "currentTimeWhenTrue"
              }
            }
          },
          "then": {
            "required": [
              "field",
              "trigger"
            ],
            "properties": {
              "source": false,
              "map": false,
              "start": false,
              "end": false,
              "unit": false,
              "fields": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "kind": {
                "const": "atLeastOneOf"
              }
            }
          },
          "then": {
            "required": [
              "fields"
            ],
            "properties": {
              "field": false,
              "source": false,
              "map": false,
              "start": false,
              "end": false,
              "unit": false,
              "trigger": false
            }
          }
        }
      ]
    }
  }
}

"""#
}
