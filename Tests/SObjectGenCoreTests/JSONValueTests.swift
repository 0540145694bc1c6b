import Foundation
import SObjectGenCore
import Testing

@Suite struct JSONValueTests {
  @Test func printsKeysInOrderAndEscapesStrings() {
    let value: JSONValue = .object([
      ("b", 1), ("a", .array([true, nil, .number("18.5")])), ("s", "quote \" slash / tab \t é"), ("e", .object([])),
    ])
    #expect(value.compact() == #"{"b":1,"a":[true,null,18.5],"s":"quote \" slash / tab \t é","e":{}}"#)
    #expect(
      value.prettyPrinted() == """
        {
          "b": 1,
          "a": [
            true,
            null,
            18.5
          ],
          "s": "quote \\" slash / tab \\t é",
          "e": {}
        }

        """)
  }

  @Test func outputIsValidJSONForControlCharacters() throws {
    let text = JSONValue.string("a\u{01}b\u{2028}c\nd").compact()
    let decoded = try JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed) as? String
    #expect(decoded == "a\u{01}b\u{2028}c\nd")
  }
}
