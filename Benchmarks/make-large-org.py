#!/usr/bin/env python3
"""Writes a synthetic metadata folder the size of a large org: N objects of F fields each
(3,000 x 50 by default, about 30 MB of YAML), for timing `sobjectgen validate` and `generate`.

    python3 Benchmarks/make-large-org.py /tmp/large-org [objects] [fields] [openapi.yaml]
    swift build -c release
    time .build/release/sobjectgen generate --metadata /tmp/large-org --output /tmp/large-out

With a fourth argument, also writes the same objects as an OpenAPI 3.1 document (a schema per object,
a field per property, and the REST API's get/create/update/delete of a record), for timing
swift-openapi-generator on the same input (Benchmarks/run.sh).
"""
import os
import sys

folder = sys.argv[1]
objects = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
fields = int(sys.argv[3]) if len(sys.argv) > 3 else 50
openapi = sys.argv[4] if len(sys.argv) > 4 else None
os.makedirs(os.path.join(folder, "objects"), exist_ok=True)
kinds = ["string", "datetime", "picklist", "reference", "boolean", "double", "textarea", "date"]
description = ("A field of a synthetic object, described at about the length of a real reference page's "
               "description, so that the YAML has a realistic size per field.")
with open(os.path.join(folder, "objects", "User.yaml"), "w") as out:
    out.write('name: User\nlabel: User\npluralLabel: Users\nkeyPrefix: "005"\n')
for index in range(objects):
    name = f"Object{index:04d}__c"
    lines = [f"name: {name}", f"label: Object {index}", f"pluralLabel: Objects {index}",
             f'keyPrefix: "{chr(97 + index // 676)}{chr(97 + index // 26 % 26)}{chr(97 + index % 26)}"',
             "since: 55.0", "supportedCalls: [create, delete, describeLayout, describeSObjects, query, retrieve, search, update, upsert]",
             f"description: {description}", "fields:"]
    for f in range(fields):
        kind = kinds[f % len(kinds)]
        lines += [f"  Field{f:02d}__c:", f"    type: {kind}"]
        if kind == "boolean":
            lines += ["    properties: [Create, Defaulted on create, Filter, Group, Sort, Update]", "    default: false"]
        else:
            lines += ["    properties: [Create, Filter, Group, Nillable, Sort, Update]"]
        lines += [f"    description: {description}"]
        if kind == "picklist":
            lines += ["    values: [Alpha, Beta, Gamma, Delta]", "    extensible: true"]
        if kind == "reference":
            lines += ["    referenceTo: [User]", f"    relationshipName: Field{f:02d}"]
    with open(os.path.join(folder, "objects", f"{name}.yaml"), "w") as out:
        out.write("\n".join(lines) + "\n")

if openapi:
    # JSON is YAML: the document is written as JSON, which needs no YAML library here.
    import json
    schema_of = {"string": {"type": "string", "maxLength": 255}, "textarea": {"type": "string"},
                 "datetime": {"type": "string", "format": "date-time"}, "date": {"type": "string", "format": "date"},
                 "boolean": {"type": "boolean"}, "double": {"type": "number"},
                 "reference": {"type": "string", "minLength": 15, "maxLength": 18},
                 "picklist": {"type": "string", "enum": ["Alpha", "Beta", "Gamma", "Delta"]}}
    schemas = {"User": {"type": "object", "properties": {"Id": {"type": "string"}}}}
    paths = {}
    for index in range(objects):
        name = f"Object{index:04d}__c"
        properties = {"Id": {"type": "string", "readOnly": True}}
        for f in range(fields):
            kind = kinds[f % len(kinds)]
            properties[f"Field{f:02d}__c"] = dict(schema_of[kind], description=description)
        schemas[name] = {"type": "object", "description": description, "properties": properties}
        ref = {"$ref": f"#/components/schemas/{name}"}
        body = {"required": True, "content": {"application/json": {"schema": ref}}}
        record = {"200": {"description": "The record.", "content": {"application/json": {"schema": ref}}}}
        done = {"204": {"description": "Done."}}
        paths[f"/sobjects/{name}"] = {"post": {"operationId": f"create{name}", "requestBody": body,
                                                "responses": {"201": {"description": "Created."}}}}
        paths[f"/sobjects/{name}/{{id}}"] = {
            "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "string"}}],
            "get": {"operationId": f"get{name}", "responses": record},
            "patch": {"operationId": f"update{name}", "requestBody": body, "responses": done},
            "delete": {"operationId": f"delete{name}", "responses": done}}
    document = {"openapi": "3.1.0", "info": {"title": "Large org", "version": "62.0"},
                "paths": paths, "components": {"schemas": schemas}}
    with open(openapi, "w") as out:
        json.dump(document, out, indent=1)
