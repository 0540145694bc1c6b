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

  /// The values of one-line keys print as `compact()` prints them, at any depth and inside arrays
  /// printed twice, and the rest as `prettyPrinted()` does: the text parses back to the same value.
  @Test func oneLineKeysPrintTheirValuesCompactly() throws {
    let details: JSONValue = .object([
      ("name", "A"), ("values", .array([.object([("x", 1)]), "b \"c\"\n"])), ("none", .null),
    ])
    let sections: JSONValue = .array([.object([("details", details), ("label", "Name")])])
    let layout: JSONValue = .object([("detail", sections), ("edit", sections), ("details", .array([1, 2]))])
    let printed = String(decoding: layout.prettyPrintedBytes(oneLineKeys: ["details"]), as: UTF8.self)
    let line = #"{"name":"A","values":[{"x":1},"b \"c\"\n"],"none":null}"#
    #expect(
      printed == """
        {
          "detail": [
            {
              "details": \(line),
              "label": "Name"
            }
          ],
          "edit": [
            {
              "details": \(line),
              "label": "Name"
            }
          ],
          "details": [1,2]
        }

        """)
    #expect(details.compact() == line)
    let parsed = try JSONSerialization.jsonObject(with: Data(printed.utf8)) as? NSDictionary
    let plain = try JSONSerialization.jsonObject(with: Data(layout.prettyPrinted().utf8)) as? NSDictionary
    #expect(parsed != nil && parsed == plain)
    #expect(layout.prettyPrintedBytes(oneLineKeys: ["values"]) != layout.prettyPrintedBytes())
    #expect(layout.prettyPrintedBytes(oneLineKeys: ["absent"]) == layout.prettyPrintedBytes())
  }

  /// A large object pretty-printed with a memo and held on one line by a later print with the same
  /// memo (a field's describe: in the describe, then in layout cells), at any depth and twice, is
  /// taken from the first print's bytes, and prints exactly as it does without the memo.
  @Test func aMemoGivesLargeObjectsOnOneLineByteForByte() {
    let nested: JSONValue = .array([.object([("x", 1), ("y", .array(["a b", "c: d"]))]), .object([]), []])
    let large: JSONValue = .object(
      (0..<JSONPrintMemo.minimumKeys).map {
        ("key \($0)", $0 % 4 == 0 ? nested : .string("line \($0)\n \"quoted\" \\ end "))
      })
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
    let printed = layouts.prettyPrintedBytes(oneLineKeys: ["details"], memo: memo)
    #expect(memo.copies == 2)
    #expect(printed == layouts.prettyPrintedBytes(oneLineKeys: ["details"]))
    #expect(String(decoding: printed, as: UTF8.self).contains("\"details\": \(large.compact())\n"))
    // Printed pretty (`top`), it is printed again, not taken.
    #expect(String(decoding: printed, as: UTF8.self).contains("\"top\": {\n    \"key 0\": ["))
    // A smaller object is printed each time.
    let small: JSONValue = .object([("a", 1)])
    _ = JSONValue.object([("details", small)]).prettyPrintedBytes(oneLineKeys: ["details"], memo: memo)
    #expect(memo.copies == 2)
  }
}
