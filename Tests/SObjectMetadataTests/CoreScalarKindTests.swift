import Testing

@testable import SObjectMetadata

/// How a plain scalar reads under YAML 1.2's core schema, including the words that only look like
/// null, true or false: `CoreScalarKind(plain:)` settles most words by their first letter and length.
@Suite struct CoreScalarKindTests {
  @Test func theKeywordsInEverySpellingAreKinds() {
    for text in ["", "~", "null", "Null", "NULL"] { #expect(CoreScalarKind(plain: text) == .null, "\(text)") }
    for text in ["true", "True", "TRUE"] { #expect(CoreScalarKind(plain: text) == .boolean(true), "\(text)") }
    for text in ["false", "False", "FALSE"] { #expect(CoreScalarKind(plain: text) == .boolean(false), "\(text)") }
    for text in [".inf", "-.Inf", "+.INF", ".nan", ".NaN", "1.5", "-2e3", "1e5"] {
      #expect(CoreScalarKind(plain: text) == .float, "\(text)")
    }
    for text in ["0", "-12", "+7", "0x1F", "0o17"] { #expect(CoreScalarKind(plain: text) == .integer, "\(text)") }
  }

  @Test func wordsThatOnlyLookLikeKeywordsAreStrings() {
    let words = [
      "nul", "nulls", "none", "NuLL", "nULL", "tru", "trues", "tRUE", "Tree", "fals", "falsy", "FaLSE", "fAlse",
      "Null ", "true\n", "F", "n", "yes", "no", "on", "off", "Y", "Nillable", "Create", "Filter", "Alpha",
      "zeta", "Ωmega", "_x", "@here", "`tick`", "[x", "{y", "1a", "0x", "+", "-", ".", "..", "1.2.3",
    ]
    for text in words { #expect(CoreScalarKind(plain: text) == .string, "\(text)") }
  }
}
