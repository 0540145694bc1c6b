#!/usr/bin/env python3
"""Writes the hostile-but-valid metadata corpus (Valid/<Set>/objects/*.yaml).

Every name and text here is valid metadata that once broke the generated Swift, or could: names
Swift or the runtime uses, keywords, names that collide once made into identifiers, and texts that
try to end a comment or a literal early. HostileCorpusTests generates each set, compiles all the
Swift in one package build, runs the SQL on SQLite and PostgreSQL and checks every JSON file.
Run it after editing: python3 Tests/SObjectGenCoreTests/Hostile/make-corpus.py
"""
import json, os, shutil

HERE = os.path.dirname(os.path.abspath(__file__))
VALID = os.path.join(HERE, "Valid")


def q(text):
    """A YAML double-quoted scalar: printable characters as they are, the rest escaped."""
    out = '"'
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out += "\\" + ch
        elif 0x20 <= code < 0x7F or (code > 0xA0 and ch.isprintable()):
            out += ch
        elif code > 0xFFFF:
            out += "\\U%08X" % code
        else:
            out += "\\u%04X" % code
    return out + '"'


def obj(name, fields="", extra=""):
    text = f"name: {name}\nlabel: {q(name + ' Label')}\npluralLabel: {q(name + ' Labels')}\n{extra}"
    if fields:
        text += "fields:\n" + fields
    return text


def text_field(name, description=None, label=None):
    out = f"  {name}:\n    type: string\n    length: 80\n    properties: [Create, Filter, Nillable, Sort, Update]\n"
    if label is not None:
        out += f"    label: {q(label)}\n"
    if description is not None:
        out += f"    description: {q(description)}\n"
    return out


def picklist(name, values, kind="picklist", restricted=False, extensible=False, description=None):
    props = "[Create, Filter, Nillable, Sort, Update" + (", Restricted picklist" if restricted else "") + "]"
    out = f"  {name}:\n    type: {kind}\n    properties: {props}\n"
    if extensible:
        out += "    extensible: true\n"
    if description is not None:
        out += f"    description: {q(description)}\n"
    out += "    values:\n"
    for value in values:
        if isinstance(value, tuple):
            out += f"      - value: {q(value[0])}\n        label: {q(value[1])}\n"
        else:
            out += f"      - {q(value)}\n"
    return out


def reference(name, targets, relationship):
    return (
        f"  {name}:\n    type: reference\n    properties: [Create, Filter, Nillable, Sort, Update]\n"
        f"    referenceTo: [{', '.join(targets)}]\n    relationshipName: {relationship}\n"
    )


SETS = {}

# 1. Object names Swift, Foundation or the runtime use, keywords, and names that collide once camel-cased.
type_names = [
    "String", "Int", "Bool", "Any", "Self", "SObject", "SalesforceID", "RecordAttributes", "APIVersion",
    "FieldMetadata", "Foo__c", "FooC", "Foo_Bar", "FooBar", "Field", "CodingKeys",
    "Date", "Data", "Optional", "Error", "Type", "Protocol", "Swift", "Foundation", "SObjectRuntime", "Class",
    "Struct", "Default", "Where", "Set", "Array", "Dictionary", "Result", "Never", "Void", "Character", "Double",
    "Int64", "Decoder", "Encoder", "Codable", "Hashable", "Identifiable", "Sendable", "MultiPicklist",
    "PicklistValue", "AnySalesforceID", "SalesforceDateTime", "RequestBody", "RequestBodyBuilder", "SystemClock",
    "Order", "Select", "Table", "Bundle", "URL", "JSONDecoder", "Init", "Inout", "Super", "Object",
    "StringObject", "Int_Object", "X1", "X_1", "Group",
]
files = {"User": obj("User", extra='keyPrefix: "005"\n')}
for index, name in enumerate(type_names):
    fields = text_field("Note") + reference("Owner__c", ["String"], "Owner__r")
    if name == "String":
        fields += reference("Parent__c", ["Any", "Self", "SObject", "Field"], "Parent__r")
        fields += picklist("Any", ["One", "Two"])
        fields += picklist("Field", ["A", "B"], restricted=True)
    files[name] = obj(name, fields, extra=f'keyPrefix: "a{index:02d}"\n')
# The longest names: the encode and request-builder calls of their fields must wrap.
longest = "AnObjectNameOfExactlyFortyCharactersLong__c"
files[longest] = obj(longest, picklist("APicklistNameOfExactlyFortyCharactersLon__c", ["A", "B"], extensible=True)
                     + picklist("AClosedPicklistOfExactlyFortyCharactersL__c", ["A", "B"], restricted=True),
                     extra='keyPrefix: "a99"\n')
SETS["HostileTypes"] = files

# 2. Field names, picklists and their values.
member_fields = [
    "class", "Default", "Inout", "Init", "Self", "Super", "Start_Time", "StartTime",
    "StartTime2", "Metadata", "RawValue", "HashValue", "Description", "Version", "Container", "Builder",
    "Encoder", "Decoder", "Previous", "Clock", "Units", "Type", "Protocol", "ApiName", "KeyPrefix", "Since",
    "Encode", "Hash", "AllCases", "StringValue", "IntValue", "Import", "Func", "Let", "Var", "Return",
    "Throw", "Try", "Await", "Async", "Some", "True", "False", "Nil", "Is", "As", "In", "Case", "Switch",
    "Where", "While", "Repeat", "Guard", "Defer", "Do", "Catch", "Operator", "Subscript", "Deinit",
    "Extension", "Enum", "Struct", "Actor", "Macro", "Package", "Open", "Internal", "Private", "Public",
    "Static", "Fileprivate", "Associatedtype", "Typealias", "Precedencegroup", "Rethrows", "Throws", "Break",
    "Continue", "Fallthrough", "If", "Else", "For", "Consume", "Copy", "Each", "Then", "Borrowing",
    "Consuming", "Nonisolated", "X_1", "X1", "Order", "Select", "From", "Table", "Primary", "Key", "Check",
    "Constraint", "Null", "Not", "Unique", "Index", "References", "Field", "Value", "Self2", "A_B_C",
    "ABC", "UrlField", "URL_Field", "Id2", "Value__c", "ValueC",
]
fields = "".join(text_field(name) for name in member_fields)
fields += (
    "  Start:\n    type: datetime\n    properties: [Create, Filter, Nillable, Sort, Update]\n"
    "  End:\n    type: datetime\n    properties: [Create, Filter, Nillable, Sort, Update]\n"
    "  Duration:\n    type: int\n    properties: [Filter, Nillable, Sort]\n"
    "  Flag:\n    type: boolean\n    properties: [Create, Defaulted on create, Filter, Update]\n    default: false\n"
    "  FlagTime:\n    type: datetime\n    properties: [Filter, Nillable, Sort, Update]\n"
)
fields += picklist("String", ["A", "B"])
fields += picklist("SalesforceID", ["A", "B"], restricted=True)
fields += picklist("MultiPicklist", ["A", "B"], kind="multipicklist")
fields += picklist("Symbols", ["-", "😀", "*/", "+", "日本", "Café", "Cafe", "1", "2nd", "_x", "  spaced  "])
fields += picklist("Spellings", ["In Person", "In-Person", "inPerson2", "Other", "Other Value"], extensible=True)
fields += picklist("Members", ["Known Values", "All Cases", "Init", "Raw Value", "Is Known", "Self", "Hash Value", "Description"], restricted=True)
fields += picklist("Keywords", ["class", "default", "self", "Type", "Protocol", "in", "nil", "true", "Any"])
fields += picklist("Mapped", ["Known Values", "Other"], restricted=True)
fields += picklist("Unresolved", ["A"])
fields += reference("What", ["Unresolved", "Init", "Id", "User"], "What")
fields += reference("Who", ["Unresolved", "Init"], "Who")
rules = (
    "rules:\n"
    "  - kind: duration\n    field: Duration\n    start: Start\n    end: End\n    unit: minutes\n"
    "  - kind: currentTimeWhenTrue\n    field: FlagTime\n    trigger: Flag\n"
    "  - kind: valueMap\n    field: Mapped\n    source: Members\n    map:\n"
    "      Known Values: Known Values\n      Init: Other\n"
)
SETS["HostileMembers"] = {
    "User": obj("User", extra='keyPrefix: "005"\n'),
    "Unresolved": obj("Unresolved", extra='keyPrefix: "a01"\n'),
    "Init": obj("Init", extra='keyPrefix: "a02"\n'),
    "Id": obj("Id", extra='keyPrefix: "a03"\n'),
    "Hostile": obj("Hostile", fields, extra='keyPrefix: "a04"\n' + rules),
}

# 3. Texts that try to end a comment or a string literal early.
injection = 'public static let injected = "pwned"'
texts = [
    "Innocent text.\r" + injection,
    "Innocent text.\r\n" + injection,
    "Innocent text.\n" + injection,
    "Line\u2028" + injection,
    "Paragraph\u2029" + injection,
    "Next line\u0085" + injection,
    "Vertical\u000b" + injection,
    "Form feed\u000c" + injection,
    "Ends a block comment */ " + injection + " /*",
    "Backslash at the end \\",
    'Quotes " and \\" and """ triple',
    "Interpolation \\(injected) and #\"raw\"#",
    "Controls \u0001\u0007\u001b[31m red \u007f\u009b",
    "Bidi \u202eevil\u202c and \u2066isolate\u2069",
    "BOM \ufeff in the middle",
    "Tab\tinside",
    "/// a doc comment inside",
    "// a line comment inside",
    "`backticks` and ``` fences",
    "Emoji 😀 and combining e\u0301",
    "SQL '); DROP TABLE \"User\"; --",
    "$1 and %s and {{template}}",
    "<script>alert(1)</script>",
    "ends with a CR\r",
]
fields = ""
for index, text in enumerate(texts):
    fields += text_field(f"Text{index}", description=text, label=text)
# Longer than a 120-column line: the generated Swift splits the label's literal with `+` and cuts
# the unbroken word of the description, never inside an escape.
long_text = "A long label" + " with \"quotes\", a backslash \\, a\u2028separator, 😀 and e\u0301," * 4 + " end"
long_word = "Unbroken" + ("\u202e" + "x" * 30) * 5
fields += text_field("LongText", description=long_text + " " + long_word, label=long_text)
fields += picklist(
    "Injected",
    [(text, text) for text in texts],
    extensible=True,
    description="Picklist values and labels: " + texts[0],
)
fields += picklist("InjectedRestricted", texts[:12], restricted=True)
SETS["HostileTexts"] = {
    "User": obj("User", extra='keyPrefix: "005"\n'),
    "Note": obj("Note", fields, extra='keyPrefix: "a01"\n' + f"description: {q(texts[0])}\n"),
}

if __name__ == "__main__":
    if os.path.isdir(VALID):
        shutil.rmtree(VALID)
    for set_name, objects in SETS.items():
        folder = os.path.join(VALID, set_name, "objects")
        os.makedirs(folder)
        for name, text in objects.items():
            with open(os.path.join(folder, name + ".yaml"), "w", encoding="utf-8", newline="\n") as f:
                f.write(text)
    print("wrote", sum(len(o) for o in SETS.values()), "files")
