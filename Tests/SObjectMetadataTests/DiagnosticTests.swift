import Testing

@testable import SObjectMetadata

/// Broken metadata, one problem (or one family of problems) per case; each asserts the exact
/// text and position that `sobjectgen validate` prints.
@Suite struct DiagnosticTests {
  let file = "Metadata/objects/Thing.yaml"
  let header = "name: Thing\nlabel: Thing\npluralLabel: Things\n"

  func check(_ yaml: String, _ expected: [String], file name: String = "Thing.yaml") {
    #expect(diagnostics(of: yaml, file: name) == expected)
  }

  @Test func yamlSyntaxError() {
    check(
      header + "description: [unclosed\n",
      [
        "\(file):5:1: error: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 4, column 14)"
      ])
  }

  @Test func tabIndentation() {
    check(
      header + "fields:\n\tName:\n\t\ttype: string\n",
      [
        "\(file):5:1: error: tab character in indentation; YAML indents with spaces only",
        "\(file):6:1: error: tab character in indentation; YAML indents with spaces only",
      ])
  }

  @Test func duplicateMappingKey() {
    check(
      header + "label: Other\n",
      [
        "\(file):4:1: error: duplicate key 'label' (first given at line 2, column 1)"
      ])
  }

  @Test func unknownObjectKey() {
    check(
      header + "descripton: A thing.\n",
      [
        "\(file):4:1: error: unknown key 'descripton' in an object definition; did you mean 'description'?"
      ])
  }

  @Test func unknownFieldKey() {
    check(
      header + "fields:\n  Size:\n    type: int\n    properties: [Create]\n    lenght: 3\n",
      [
        "\(file):8:5: error: unknown key 'lenght' in field 'Size'; did you mean 'length'?"
      ])
  }

  @Test func unknownType() {
    check(
      header + "fields:\n  Seen:\n    type: dateTimez\n    properties: [Filter]\n",
      [
        "\(file):6:11: error: unknown type 'dateTimez'; did you mean 'datetime'?"
      ])
  }

  @Test func unknownProperty() {
    check(
      header + "fields:\n  Seen:\n    type: date\n    properties: [Filter, Sortable]\n",
      [
        "\(file):7:26: error: unknown property 'Sortable'; did you mean 'Sort'?"
      ])
  }

  @Test func duplicateFieldNamesIgnoringCase() {
    check(
      header
        + "fields:\n  Status:\n    type: date\n    properties: [Filter]\n  status:\n    type: date\n    properties: [Filter]\n",
      [
        "\(file):8:3: error: duplicate field 'status'; API names are case-insensitive (first defined at line 5)"
      ])
  }

  @Test func apiNameStartingWithDigit() {
    check(
      header + "fields:\n  1Field:\n    type: date\n    properties: [Filter]\n",
      [
        "\(file):5:3: error: invalid field API name '1Field': it must start with a letter"
      ])
  }

  @Test func apiNameWithDoubleUnderscore() {
    check(
      header + "fields:\n  My__Field:\n    type: date\n    properties: [Filter]\n",
      [
        "\(file):5:3: error: invalid field API name 'My__Field': it must not contain two underscores in a row"
      ])
  }

  @Test func apiNameWithTrailingUnderscore() {
    check(
      header + "fields:\n  Field_:\n    type: date\n    properties: [Filter]\n",
      [
        "\(file):5:3: error: invalid field API name 'Field_': it must not end with an underscore"
      ])
  }

  @Test func apiNameWithHyphen() {
    check(
      header + "fields:\n  Start-Date:\n    type: date\n    properties: [Filter]\n",
      [
        "\(file):5:3: error: invalid field API name 'Start-Date': '-' is not allowed; use letters, digits and underscores"
      ])
  }

  @Test func apiNameTooLong() {
    let name = String(repeating: "A", count: 41)
    check(
      header + "fields:\n  \(name):\n    type: date\n    properties: [Filter]\n",
      [
        "\(file):5:3: error: invalid field API name '\(name)': it is 41 characters long; the limit is 40"
      ])
  }

  @Test func picklistDefaultNotAmongValues() {
    check(
      header
        + "fields:\n  Status:\n    type: picklist\n    properties: [Defaulted on create]\n    values: [New, Closed]\n    default: Nwe\n",
      [
        "\(file):9:14: error: default 'Nwe' is not among the values of picklist 'Status'; did you mean 'New'?"
      ])
  }

  @Test func duplicatePicklistValues() {
    check(
      header
        + "fields:\n  Status:\n    type: picklist\n    properties: [Filter]\n    values:\n      - New\n      - Closed\n      - new\n",
      [
        "\(file):11:9: error: duplicate picklist value 'new'"
      ])
  }

  @Test func picklistWithoutValues() {
    check(
      header + "fields:\n  Status:\n    type: picklist\n    properties: [Filter]\n",
      [
        "\(file):6:5: error: missing required key 'values' in picklist field 'Status'"
      ])
  }

  @Test func referenceWithNoTarget() {
    check(
      header
        + "fields:\n  OwnerId:\n    type: reference\n    properties: [Create]\n    referenceTo: []\n    relationshipName: Owner\n",
      [
        "\(file):8:18: error: reference field 'OwnerId' has no target object in referenceTo"
      ])
  }

  @Test func referenceToUndeclaredObject() {
    check(
      header
        + "fields:\n  CaseId:\n    type: reference\n    properties: [Create]\n    referenceTo: [Case]\n    relationshipName: Case\n",
      [
        "\(file):8:19: error: field 'CaseId' refers to undeclared object 'Case'; declare it in objects/Case.yaml"
      ])
  }

  @Test func referenceToMisspeltObject() {
    check(
      header
        + "fields:\n  OwnerId:\n    type: reference\n    properties: [Create]\n    referenceTo: [Usr]\n    relationshipName: Owner\n",
      [
        "\(file):8:19: error: field 'OwnerId' refers to undeclared object 'Usr'; did you mean 'User'?"
      ])
  }

  @Test func polymorphicTargetWithoutKeyPrefix() {
    check(
      header
        + "fields:\n  WhoId:\n    type: reference\n    properties: [Create]\n    referenceTo: [Account, Contact]\n    relationshipName: Who\n",
      [
        "\(file):8:19: error: polymorphic field 'WhoId' refers to 'Account', which has no keyPrefix; give objects/Account.yaml a keyPrefix so that its IDs can be told apart",
        "\(file):8:28: error: polymorphic field 'WhoId' refers to 'Contact', which has no keyPrefix; give objects/Contact.yaml a keyPrefix so that its IDs can be told apart",
      ])
  }

  @Test func atLeastOneOfRules() {
    let fields =
      "fields:\n  Email:\n    type: email\n    properties: [Create, Nillable]\n  Code:\n    type: string\n    properties: [Create]\n"
    check(
      header + fields
        + "rules:\n  - kind: atLeastOneOf\n    fields: [Email, Code, Fax]\n  - kind: atLeastOneOf\n    fields: [Email]\n    field: Email\n",
      [
        "\(file):13:21: error: an atLeastOneOf rule constrains nillable fields; 'Code' always has a value",
        "\(file):13:27: error: rule names unknown field 'Fax' in 'fields'",
        "\(file):15:13: error: an atLeastOneOf rule names at least two fields",
        "\(file):16:5: error: 'field' does not apply to a atLeastOneOf rule",
      ])
  }

  @Test func referenceWithoutRelationshipName() {
    check(
      header + "fields:\n  OwnerId:\n    type: reference\n    properties: [Create]\n    referenceTo: [User]\n",
      [
        "\(file):6:5: error: reference field 'OwnerId' has no relationshipName (e.g. 'Owner')"
      ])
  }

  @Test func malformedAPIVersions() {
    check(
      header + "since: v55\nfields:\n  Seen:\n    type: date\n    properties: [Filter]\n    since: \"56.5\"\n",
      [
        "\(file):4:8: error: malformed API version 'v55' for 'since'; expected a form like '55.0'",
        "\(file):9:12: error: malformed API version '56.5' for 'since'; expected a form like '55.0'",
      ])
  }

  @Test func fieldOlderThanItsObject() {
    check(
      header + "since: 55.0\nfields:\n  Seen:\n    type: date\n    properties: [Filter]\n    since: 54.0\n",
      [
        "\(file):9:12: error: field 'Seen' is said to be available from API version 54.0, before its object (55.0)"
      ])
  }

  @Test func ruleNamingUnknownField() {
    check(
      header
        + "fields:\n  Verified:\n    type: boolean\n    properties: [Create]\n  VerifiedAt:\n    type: datetime\n    properties: [Create]\nrules:\n  - kind: currentTimeWhenTrue\n    field: VerifiedAt\n    trigger: Verifed\n",
      [
        "\(file):14:14: error: rule names unknown field 'Verifed' in 'trigger'; did you mean 'Verified'?"
      ])
  }

  @Test func ruleMappingUnknownValues() {
    check(
      header
        + "fields:\n  Status:\n    type: picklist\n    properties: [Create]\n    values: [Open, Done]\n  State:\n    type: picklist\n    properties: [Filter]\n    values: [Active, Closed]\nrules:\n  - kind: valueMap\n    field: State\n    source: Status\n    map:\n      Open: Active\n      Dne: Closed\n      Done: Finished\n",
      [
        "\(file):19:7: error: rule maps unknown value 'Dne' of 'Status'; did you mean 'Done'?",
        "\(file):20:13: error: rule sets 'State' to unknown value 'Finished'",
      ])
  }

  @Test func ruleWithKeysOfAnotherKind() {
    check(
      header
        + "fields:\n  Start:\n    type: datetime\n    properties: [Create]\n  Minutes:\n    type: int\n    properties: [Filter]\nrules:\n  - kind: duration\n    field: Minutes\n    start: Start\n    end: Start\n    unit: minutes\n    trigger: Start\n",
      [
        "\(file):17:5: error: 'trigger' does not apply to a duration rule"
      ])
  }

  @Test func durationRuleOverNonDateField() {
    check(
      header
        + "fields:\n  Start:\n    type: string\n    properties: [Create]\n  End:\n    type: datetime\n    properties: [Create]\n  Minutes:\n    type: int\n    properties: [Filter]\nrules:\n  - kind: duration\n    field: Minutes\n    start: Start\n    end: End\n    unit: fortnights\n",
      [
        "\(file):17:12: error: 'start' of a duration rule must be a date or datetime field; 'Start' is string",
        "\(file):19:11: error: unknown unit 'fortnights'; expected one of: seconds, minutes, hours",
      ])
  }

  @Test func autonumberWithCreate() {
    check(
      header + "fields:\n  Name:\n    type: string\n    properties: [Autonumber, Create, Filter]\n",
      [
        "\(file):7:30: error: 'Autonumber' contradicts 'Create': the platform numbers the field; it cannot be set on create"
      ])
  }

  @Test func missingRequiredObjectKeys() {
    check(
      "name: Thing\nfields: {}\n",
      [
        "\(file):1:1: error: missing required key 'label' in the object",
        "\(file):1:1: error: missing required key 'pluralLabel' in the object",
      ])
  }

  @Test func fileNamedAfterAnotherObject() {
    check(
      header,
      [
        "Metadata/objects/Other.yaml:1:7: error: object 'Thing' is defined in 'Other.yaml'; name the file 'Thing.yaml'"
      ], file: "Other.yaml")
  }

  @Test func systemFieldRedeclared() {
    check(
      header + "fields:\n  Id:\n    type: id\n    properties: [Filter]\n",
      [
        "\(file):5:3: error: 'Id' is a system field every object has; remove it from the metadata"
      ])
  }

  @Test func picklistValuesOnATextField() {
    check(
      header + "fields:\n  Code:\n    type: string\n    properties: [Create]\n    values: [A, B]\n",
      [
        "\(file):8:5: error: 'values' applies to picklist fields only, not to string"
      ])
  }

  @Test func nillableBoolean() {
    check(
      header + "fields:\n  IsOpen:\n    type: boolean\n    properties: [Create, Nillable]\n",
      [
        "\(file):7:26: error: boolean field 'IsOpen' cannot be 'Nillable': a checkbox is always true or false"
      ])
  }

  @Test func unquotedNumericKeyPrefix() {
    check(
      header + "keyPrefix: 001\n",
      [
        "\(file):4:12: error: 'keyPrefix' must be a string, found a number; quote it: \"001\""
      ])
  }

  @Test func unknownSupportedCall() {
    check(
      header + "supportedCalls: [create(), retreive()]\n",
      [
        "\(file):4:28: error: unknown supported call 'retreive()'; did you mean 'retrieve'?"
      ])
  }

  @Test func layoutPlacingUnknownField() {
    check(
      header
        + "fields:\n  Code:\n    type: string\n    properties: [Create]\nlayouts:\n  - name: Main\n    sections:\n      - heading: Information\n        fields: [Code, Cod, CreatedById]\n",
      [
        "\(file):12:24: error: layout 'Main' places unknown field 'Cod'; did you mean 'Code'?"
      ])
  }

  @Test func scaleLargerThanPrecision() {
    check(
      header + "fields:\n  Amount:\n    type: currency\n    properties: [Create]\n    precision: 5\n    scale: 6\n",
      [
        "\(file):9:12: error: scale 6 is larger than the precision 5"
      ])
  }

  @Test func sizeThatDoesNotApply() {
    check(
      header + "fields:\n  IsOpen:\n    type: boolean\n    properties: [Create]\n    length: 10\n",
      [
        "\(file):8:5: error: 'length' does not apply to a boolean field"
      ])
  }

  @Test func booleanDefaultThatIsNotABoolean() {
    check(
      header
        + "fields:\n  IsOpen:\n    type: boolean\n    properties: [Create, Defaulted on create]\n    default: \"no\"\n",
      [
        "\(file):8:14: error: default of boolean field 'IsOpen' must be true or false"
      ])
  }

  @Test func defaultWithoutDefaultedOnCreate() {
    check(
      header + "fields:\n  Code:\n    type: string\n    properties: [Create]\n    default: X\n",
      [
        "\(file):8:5: error: field 'Code' has a default value but not the property 'Defaulted on create'"
      ])
  }

  @Test func emptyFile() {
    check("", ["\(file):1:1: error: the file is empty; expected an object definition"])
  }

  @Test func duplicateKeyPrefixAcrossFiles() {
    let files =
      declaredObjects + [
        MetadataFile(path: "Metadata/objects/A.yaml", contents: "name: A\nlabel: A\npluralLabel: As\nkeyPrefix: a01\n"),
        MetadataFile(path: "Metadata/objects/B.yaml", contents: "name: B\nlabel: B\npluralLabel: Bs\nkeyPrefix: a01\n"),
      ]
    #expect(
      MetadataLoader.load(files: files).1.map(\.description) == [
        "Metadata/objects/B.yaml:4:12: error: key prefix 'a01' is already used by object 'A'"
      ])
  }

  @Test func everyProblemAtOnceInFileOrder() {
    let yaml = header + "colour: red\nfields:\n  Seen:\n    type: dattime\n    properties: [Filter, Sorting]\n"
    check(
      yaml,
      [
        "\(file):4:1: error: unknown key 'colour' in an object definition",
        "\(file):7:11: error: unknown type 'dattime'; did you mean 'datetime'?",
        "\(file):8:26: error: unknown property 'Sorting'; did you mean 'Sort'?",
      ])
  }
}
