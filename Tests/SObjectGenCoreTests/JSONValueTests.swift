import Foundation
import Testing

@testable import SObjectGenCore

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

  /// Strings are scanned eight bytes at a time for what needs escaping: a special character at
  /// any position of a string of any length (within a word, across its end, in the tail) is found.
  @Test func specialCharactersAreEscapedAtEveryPosition() throws {
    let specials = ["\u{0}", "\u{1F}", "\"", "\\", "\n", "\u{2028}", "\u{2029}"]
    let ordinary = ["é", "~", "\u{7F}", "€", " ", "!"]
    for length in 1...19 {
      for position in 0..<length {
        for character in specials + ordinary {
          let text =
            String(repeating: "a", count: position) + character
            + String(repeating: "b", count: length - position - 1)
          let printed = JSONValue.string(text).compact()
          let decoded = try JSONSerialization.jsonObject(with: Data(printed.utf8), options: .fragmentsAllowed)
          #expect(decoded as? String == text, "\(text.debugDescription)")
          let raw = printed.unicodeScalars.dropFirst().dropLast()
          #expect(!raw.contains { $0.value < 0x20 || $0 == "\u{2028}" || $0 == "\u{2029}" }, "\(printed)")
          #expect(specials.contains(character) == printed.contains("\\"), "\(printed)")
        }
      }
    }
  }

  /// A large object printed with a memo and held again by later prints with the same memo, deeper,
  /// shallower and twice in one print (a field's describe: in the describe, then in layout cells),
  /// is copied, and prints exactly as it does without the memo.
  @Test func aMemoCopiesLargeObjectsByteForByteAtAnyDepth() {
    let nested: JSONValue = .array([.object([("x", 1), ("y", .array(["a", "b"]))]), .object([])])
    let large: JSONValue = .object(
      (0..<JSONPrintMemo.minimumKeys).map { ("key\($0)", $0 % 4 == 0 ? nested : .string("line \($0)\nend")) })
    let describe: JSONValue = .object([("name", "A"), ("fields", .array([large]))])
    let layouts: JSONValue = .object([
      (
        "layouts",
        .array([.object([("rows", .array([.object([("details", large)]), .object([("details", large)])]))])])
      ),
      ("top", large),
    ])
    let memo = JSONPrintMemo()
    #expect(describe.prettyPrintedBytes(memo: memo) == describe.prettyPrintedBytes())
    #expect(memo.copies == 0)
    let printed = layouts.prettyPrintedBytes(memo: memo)
    #expect(memo.copies == 3)
    #expect(String(decoding: printed, as: UTF8.self) == layouts.prettyPrinted())
    #expect(large.prettyPrintedBytes(memo: memo) == large.prettyPrintedBytes())
    #expect(memo.copies == 4)
    // A smaller object is printed each time.
    let small: JSONValue = .object([("a", 1)])
    _ = JSONValue.array([small, small]).prettyPrintedBytes(memo: memo)
    #expect(memo.copies == 4)
  }
}
