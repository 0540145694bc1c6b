import Foundation

/// A JSON value whose objects keep their keys in the order they were built, printed the same
/// way every time. Emitters build these instead of going through `JSONSerialization`, whose key
/// order, number formatting and escaping (`\/`) are not ours to choose.
public enum JSONValue: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByNilLiteral
{
  case null
  case bool(Bool)
  case int(Int)
  /// A number written exactly as given (`18.5`, `0.01`), for values that are not whole numbers.
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  public init(stringLiteral value: String) { self = .string(value) }
  public init(integerLiteral value: Int) { self = .int(value) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  public init(nilLiteral: ()) { self = .null }

  /// A string, or null when there is none.
  public static func string(orNull value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
    switch (lhs, rhs) {
    case (.null, .null): return true
    case (.bool(let a), .bool(let b)): return a == b
    case (.int(let a), .int(let b)): return a == b
    case (.number(let a), .number(let b)): return a == b
    case (.string(let a), .string(let b)): return a == b
    case (.array(let a), .array(let b)): return a == b
    case (.object(let a), .object(let b)):
      return a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
    default: return false
    }
  }

  public func hash(into hasher: inout Hasher) {
    switch self {
    case .null: hasher.combine(0)
    case .bool(let value): hasher.combine(value)
    case .int(let value): hasher.combine(value)
    case .number(let value), .string(let value): hasher.combine(value)
    case .array(let values): hasher.combine(values)
    case .object(let pairs):
      for (key, value) in pairs {
        hasher.combine(key)
        hasher.combine(value)
      }
    }
  }

  /// The value of a key of an object (nil for other values or a missing key).
  public subscript(key: String) -> JSONValue? {
    guard case .object(let pairs) = self else { return nil }
    return pairs.first { $0.0 == key }?.1
  }

  /// Pretty-printed with two-space indentation and a final newline, as the files under Generated/ are.
  public func prettyPrinted() -> String { String(decoding: prettyPrintedBytes(), as: UTF8.self) }

  /// `prettyPrinted()` as UTF-8 bytes, without going through `String` (emitters write these).
  /// The values of `oneLineKeys`, wherever they occur, are printed on one line, without spaces
  /// (as `compact()`), after their key. With a memo, a large object (`JSONPrintMemo.minimumKeys`
  /// keys or more) that an earlier print with the same memo printed, the same storage, is taken on
  /// one line from that print's bytes instead of printed again; this print's large objects go into
  /// the memo.
  public func prettyPrintedBytes(oneLineKeys: Set<String> = [], memo: JSONPrintMemo? = nil) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(4096)
    var printed = PrintState(oneLineKeys: oneLineKeys, memo: memo)
    write(to: &out, indent: 0, pretty: true, printed: &printed)
    out.append(UInt8(ascii: "\n"))
    memo?.keep(out, objects: printed.objects)
    return out
  }

  /// On one line, without spaces.
  public func compact() -> String {
    var out: [UInt8] = []
    var printed = PrintState(oneLineKeys: [], memo: nil)
    write(to: &out, indent: 0, pretty: false, printed: &printed)
    return String(decoding: out, as: UTF8.self)
  }

  /// An array's storage, printed at an indentation, pretty or not. A value that holds the same
  /// array twice (a layout's detail and edit sections) prints it once and copies the bytes: the tree
  /// is not changed while it prints, so the same storage means the same elements.
  private struct SharedArray: Hashable {
    var storage: UnsafeRawPointer
    var indent: Int
    var pretty: Bool
  }

  /// What one print remembers: the arrays of objects it printed, the keys whose values it prints
  /// on one line, and, with a memo, the large objects it pretty-printed (to hand to the memo at the
  /// end) and the memo to take earlier ones from.
  private struct PrintState {
    var arrays: [SharedArray: Range<Int>] = [:]
    let oneLineKeys: Set<String>
    var objects: [UnsafeRawPointer: JSONPrintMemo.Printed] = [:]
    let memo: JSONPrintMemo?
    init(oneLineKeys: Set<String>, memo: JSONPrintMemo?) {
      self.oneLineKeys = oneLineKeys
      self.memo = memo
    }
  }

  // Printing appends UTF-8 bytes to one buffer: about ten times faster than appending to a String.
  private func write(to out: inout [UInt8], indent: Int, pretty: Bool, printed: inout PrintState) {
    switch self {
    case .null: out.append(contentsOf: JSONValue.nullBytes)
    case .bool(let value): out.append(contentsOf: value ? JSONValue.trueBytes : JSONValue.falseBytes)
    case .int(let value): out.append(contentsOf: String(value).utf8)
    case .number(let text): out.append(contentsOf: text.utf8)
    case .string(let value): JSONValue.writeString(value, to: &out)
    case .array(let values):
      if values.isEmpty {
        out.append(UInt8(ascii: "["))
        out.append(UInt8(ascii: "]"))
        return
      }
      // Only arrays of objects are worth remembering: the others are short.
      var shared: SharedArray?
      if case .object = values[0], let storage = values.withUnsafeBufferPointer({ $0.baseAddress }) {
        let key = SharedArray(storage: UnsafeRawPointer(storage), indent: indent, pretty: pretty)
        if let range = printed.arrays[key] {
          let bytes = Array(out[range])
          out.append(contentsOf: bytes)
          return
        }
        shared = key
      }
      let start = out.count
      out.append(UInt8(ascii: "["))
      for (index, value) in values.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { JSONValue.newline(&out, indent + 1) }
        value.write(to: &out, indent: indent + 1, pretty: pretty, printed: &printed)
      }
      if pretty { JSONValue.newline(&out, indent) }
      out.append(UInt8(ascii: "]"))
      if let shared { printed.arrays[shared] = start..<out.count }
    case .object(let pairs):
      if pairs.isEmpty {
        out.append(UInt8(ascii: "{"))
        out.append(UInt8(ascii: "}"))
        return
      }
      var storage: UnsafeRawPointer?
      if let memo = printed.memo, pairs.count >= JSONPrintMemo.minimumKeys {
        storage = pairs.withUnsafeBufferPointer { $0.baseAddress.map(UnsafeRawPointer.init) }
        if !pretty, let storage, let earlier = memo.objects[storage] {
          memo.copies += 1
          memo.buffers[earlier.buffer].withUnsafeBufferPointer { buffer in
            JSONValue.appendOnOneLine(UnsafeBufferPointer(rebasing: buffer[earlier.range]), to: &out)
          }
          return
        }
      }
      let start = out.count
      let checksKeys = pretty && !printed.oneLineKeys.isEmpty
      out.append(UInt8(ascii: "{"))
      for (index, (key, value)) in pairs.enumerated() {
        if index > 0 { out.append(UInt8(ascii: ",")) }
        if pretty { JSONValue.newline(&out, indent + 1) }
        JSONValue.writeString(key, to: &out)
        out.append(UInt8(ascii: ":"))
        if pretty { out.append(UInt8(ascii: " ")) }
        let valueIsPretty = pretty && !(checksKeys && printed.oneLineKeys.contains(key))
        value.write(to: &out, indent: indent + 1, pretty: valueIsPretty, printed: &printed)
      }
      if pretty { JSONValue.newline(&out, indent) }
      out.append(UInt8(ascii: "}"))
      if pretty, let storage {
        printed.objects[storage] = JSONPrintMemo.Printed(value: self, buffer: -1, range: start..<out.count)
      }
    }
  }

  /// Appends `bytes`, a value pretty-printed by `write`, as `compact()` prints it. Pretty printing
  /// adds only each line's indentation and, on a key's line, a space after the key's colon (a JSON
  /// string holds no raw newline), so each line is copied without its indentation, and a line that
  /// starts with a string followed by `": "` without that space.
  private static func appendOnOneLine(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
    guard let base = bytes.baseAddress else { return }
    let end = base + bytes.count
    var line = base
    while line < end {
      let found = memchr(line, Int32(UInt8(ascii: "\n")), end - line)
      let newline = found.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) } ?? end
      var start = line
      while start < newline && start.pointee == UInt8(ascii: " ") { start += 1 }
      if start < newline && start.pointee == UInt8(ascii: "\"") {
        // The end of the string that starts the line: the next quote not escaped.
        var cursor = start + 1
        while cursor < newline && cursor.pointee != UInt8(ascii: "\"") {
          cursor += cursor.pointee == UInt8(ascii: "\\") ? 2 : 1
        }
        if cursor + 2 < newline && cursor[1] == UInt8(ascii: ":") && cursor[2] == UInt8(ascii: " ") {
          out.append(contentsOf: UnsafeBufferPointer(start: start, count: cursor + 2 - start))
          start = cursor + 3
        }
      }
      out.append(contentsOf: UnsafeBufferPointer(start: start, count: newline - start))
      line = newline + 1
    }
  }

  private static let nullBytes = Array("null".utf8)
  private static let trueBytes = Array("true".utf8)
  private static let falseBytes = Array("false".utf8)

  /// A newline and the spaces of the deepest indentation printed without allocating.
  private static let newlineAndSpaces: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: UInt8(ascii: " "), count: 64)

  private static func newline(_ out: inout [UInt8], _ indent: Int) {
    if indent * 2 < newlineAndSpaces.count {
      // From the buffer: appending an array slice goes through the generic path, with retains.
      newlineAndSpaces.withUnsafeBufferPointer { bytes in
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0...(indent * 2)]))
      }
      return
    }
    out.append(UInt8(ascii: "\n"))
    for _ in 0..<(indent * 2) { out.append(UInt8(ascii: " ")) }
  }

  /// Whether a UTF-8 byte may start something `writeString` escapes: a quote, a backslash, a control
  /// character, or the first byte of U+2028/U+2029 (E2 80 A8/A9).
  private static func mayNeedEscape(_ byte: UInt8) -> Bool {
    byte < 0x20 || byte == 0x22 || byte == 0x5C || byte == 0xE2
  }

  /// Whether any byte `mayNeedEscape`: eight bytes at a time, then the rest one by one. In each
  /// word, a byte below 0x20, a quote, a backslash or 0xE2 leaves its high bit set in `found`
  /// (the classic tests for a zero byte of `word ^ c` and a byte less than 0x20; a bit set
  /// above a found byte can be wrong, but `found` is nonzero exactly when one is there).
  static func mayNeedEscape(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    func hasZeroByte(_ word: UInt64) -> Bool { (word &- ones) & ~word & highs != 0 }
    var index = 0
    if let base = bytes.baseAddress {
      let raw = UnsafeRawPointer(base)
      while index + 8 <= bytes.count {
        let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
        if (word &- ones &* 0x20) & ~word & highs != 0 || hasZeroByte(word ^ (ones &* 0x22))
          || hasZeroByte(word ^ (ones &* 0x5C)) || hasZeroByte(word ^ (ones &* 0xE2))
        {
          return true
        }
        index += 8
      }
    }
    while index < bytes.count {
      if mayNeedEscape(bytes[index]) { return true }
      index += 1
    }
    return false
  }

  private static func writeString(_ value: String, to out: inout [UInt8]) {
    out.append(UInt8(ascii: "\""))
    var value = value
    let clean = value.withUTF8 { bytes -> Bool in
      if !mayNeedEscape(bytes) {
        out.append(contentsOf: bytes)
        return true
      }
      return false
    }
    if !clean { writeEscaped(value, to: &out) }
    out.append(UInt8(ascii: "\""))
  }

  private static func writeEscaped(_ value: String, to out: inout [UInt8]) {
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": out.append(contentsOf: "\\\"".utf8)
      case "\\": out.append(contentsOf: "\\\\".utf8)
      case "\n": out.append(contentsOf: "\\n".utf8)
      case "\r": out.append(contentsOf: "\\r".utf8)
      case "\t": out.append(contentsOf: "\\t".utf8)
      case "\u{08}": out.append(contentsOf: "\\b".utf8)
      case "\u{0C}": out.append(contentsOf: "\\f".utf8)
      case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
        let hex = String(scalar.value, radix: 16)
        out.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
      default: out.append(contentsOf: String(scalar).utf8)
      }
    }
  }
}

/// Large objects pretty-printed by `JSONValue.prettyPrintedBytes(oneLineKeys:memo:)`, and the
/// bytes they were printed into, so that a later print holding the same object on one line (a
/// field's describe: in the object's describe, then in each layout cell that shows the field) takes
/// it from those bytes instead of printing it again. Entries keep their values alive, so the
/// storage an entry is found by cannot be reused by another object while the memo lives. Meant for
/// the few prints of one object's files, on one thread.
public final class JSONPrintMemo {
  /// Smaller objects are not worth the lookup; the ones worth taking are field describes (57 keys).
  static let minimumKeys = 32

  struct Printed {
    /// Holds the object's storage alive.
    var value: JSONValue
    /// Which of `buffers`; -1 while the print it is in is not finished.
    var buffer: Int
    var range: Range<Int>
  }

  fileprivate var buffers: [[UInt8]] = []
  fileprivate var objects: [UnsafeRawPointer: Printed] = [:]
  /// How many objects were taken from an earlier print instead of printed (for tests).
  internal fileprivate(set) var copies = 0

  public init() {}

  fileprivate func keep(_ bytes: [UInt8], objects printed: [UnsafeRawPointer: Printed]) {
    guard !printed.isEmpty else { return }
    buffers.append(bytes)
    for (storage, var object) in printed where objects[storage] == nil {
      object.buffer = buffers.count - 1
      objects[storage] = object
    }
  }
}
