import Testing

@testable import SObjectMetadata

/// One mistake, one clear error: no cascade into other files, one suggestion in one sentence, the
/// choices listed where there is no likely spelling, libyaml's terse messages given a plain hint.
@Suite struct DiagnosticPolishTests {
  let header = "name: Thing\nlabel: Thing\npluralLabel: Things\n"
  let reference = "fields:\n  CallId:\n    type: reference\n    properties: [Create]\n    referenceTo: [VoiceCall]\n"

  /// A file that does not parse still declares its object (by its file name): the files that refer to
  /// it get no "undeclared object" error.
  @Test func aFileThatDoesNotParseCausesNoErrorsInOthers() {
    let broken = MetadataFile(
      path: "Metadata/objects/VoiceCall.yaml",
      contents: "name: VoiceCall\nlabel: Voice Call\n pluralLabel: Voice Calls\n")
    let thing = MetadataFile(
      path: "Metadata/objects/Thing.yaml", contents: header + reference + "    relationshipName: Call\n")
    let (model, diagnostics) = MetadataLoader.load(files: declaredObjects + [broken, thing])
    #expect(model == nil)
    #expect(diagnostics.count == 1)
    #expect(diagnostics.first?.description.hasPrefix("Metadata/objects/VoiceCall.yaml:") == true)
    #expect(!diagnostics.map(\.description).joined().contains("undeclared"))
  }

  @Test func anUndeclaredObjectWithoutALikelySpellingSaysWhereToDeclareIt() {
    #expect(
      diagnostics(of: header + reference + "    relationshipName: Call\n") == [
        "Metadata/objects/Thing.yaml:8:19: error: field 'CallId' refers to undeclared object 'VoiceCall'; declare it in objects/VoiceCall.yaml"
      ])
  }

  @Test func anUnknownRuleKindListsTheKinds() {
    let yaml =
      header
      + "fields:\n  Total:\n    type: int\n    properties: [Filter]\nrules:\n  - kind: sum\n    field: Total\n"
    #expect(
      diagnostics(of: yaml) == [
        "Metadata/objects/Thing.yaml:9:11: error: unknown kind 'sum'; expected one of: valueMap, duration, currentTimeWhenTrue, atLeastOneOf"
      ])
  }

  /// `relationshipname` for `relationshipName`: one error with the suggestion, not a second one
  /// saying that the key it misspells is missing.
  @Test func aMisspeltRequiredKeyIsOneError() {
    #expect(
      diagnostics(
        of: header + reference.replacingOccurrences(of: "VoiceCall", with: "User") + "    relationshipname: Call\n")
        == [
          "Metadata/objects/Thing.yaml:9:5: error: unknown key 'relationshipname' in field 'CallId'; did you mean 'relationshipName'?"
        ])
  }

  @Test func mappingValuesNotAllowedGetsAPlainHint() {
    let messages = diagnostics(of: header + "description: Note: it works\n")
    #expect(messages.count == 1)
    #expect(messages.first?.contains("mapping values are not allowed") == true)
    #expect(messages.first?.contains("check this line's indentation, and quote a value that holds ': '") == true)
  }
}
