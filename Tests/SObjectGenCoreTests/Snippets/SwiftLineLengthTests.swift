import Foundation
import SObjectGenTestSupport
import SObjectMetadata
import Testing

@testable import SObjectGenCore

/// The style rule: no line of generated Swift is longer than 120 columns (characters), for the
/// repository's `Metadata/` and for every set of the hostile corpus, whose long and escaped texts
/// must be wrapped without breaking an escape.
@Suite struct SwiftLineLengthTests {
  static let limit = SwiftCodeWriter.maxLineLength

  /// Every generated `.swift` file of a model, with the plugin's outputs, by path.
  func swiftFiles(_ model: MetadataModel) throws -> [(path: String, text: String)] {
    let files = try Generator.generate(model: model)
    let all = files.map { ($0.path, $0.text) } + (try PluginOutputs.files(model: model)).map { ($0.path, $0.text) }
    return all.filter { $0.0.hasSuffix(".swift") }.map { (path: $0.0, text: $0.1) }
  }

  /// `path:line: (length) text` for each line over the limit.
  func longLines(_ files: [(path: String, text: String)]) -> [String] {
    var found: [String] = []
    for file in files {
      for (index, line) in file.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where line.count > Self.limit {
        found.append("\(file.path):\(index + 1): (\(line.count)) \(line)")
      }
    }
    return found
  }

  @Test func noLineOfTheRepositorysGeneratedSwiftIsOver120Columns() throws {
    let files = try swiftFiles(try MetadataLoader.load(directory: metadataFolder))
    #expect(files.count >= 14)
    let long = longLines(files)
    #expect(long.isEmpty, "\(long.count) lines over \(Self.limit) columns:\n\(long.joined(separator: "\n"))")
  }

  @Test(arguments: HostileCorpusTests.sets) func noLineOfAHostileSetsSwiftIsOver120Columns(_ set: String) throws {
    let model = try MetadataLoader.load(directory: HostileCorpusTests.corpus.appendingPathComponent(set).path)
    let files = try swiftFiles(model)
    #expect(!files.isEmpty)
    let long = longLines(files)
    #expect(long.isEmpty, "\(set): \(long.count) lines over \(Self.limit) columns:\n\(long.joined(separator: "\n"))")
  }

  /// A long text of quotes, backslashes, escapes, emoji and combining marks, split into literals:
  /// each piece fits, is a whole literal, and the pieces read back as the text.
  @Test func aLongLiteralSplitsBetweenCharactersAndReadsBackAsTheText() {
    let text = String(
      repeating: "say \"hi\" \\ then\u{2028}\u{202E}tab\there 👩‍👩‍👧 e\u{301} \u{0}\u{7F}\u{FEFF} ", count: 12)
    let pieces = SwiftNames.literal(text, first: 40, rest: 60)
    #expect(pieces.count > 10)
    var read = ""
    for (index, piece) in pieces.enumerated() {
      #expect(piece.count <= (index == 0 ? 40 : 60), "\(piece)")
      let literal = index == 0 ? Substring(piece) : piece.dropFirst(4)
      if index > 0 { #expect(piece.hasPrefix("  + \"")) }
      #expect(literal.hasPrefix("\"") && literal.hasSuffix("\""))
      read += unescape(literal.dropFirst().dropLast())
    }
    #expect(read.unicodeScalars.elementsEqual(text.unicodeScalars))
    #expect(SwiftNames.literal("short", first: 40, rest: 60) == [SwiftNames.literal("short")])
  }

  /// A long comment word is cut, never inside a `\u{…}` escape.
  @Test func aLongCommentWordIsCutOutsideEscapes() {
    let word = SwiftNames.commentText(String(repeating: "ab\u{202E}cd\u{2028}", count: 30))
    let pieces = SwiftNames.cut(Substring(word), width: 25)
    #expect(pieces.joined() == word)
    for piece in pieces {
      #expect(piece.count <= 25)
      // Every escape a piece opens, it closes.
      #expect(piece.components(separatedBy: "\\u{").count == piece.components(separatedBy: "}").count, "\(piece)")
    }
  }

  /// Reads back what `SwiftNames.literal` escapes.
  func unescape(_ body: Substring) -> String {
    var out = String.UnicodeScalarView()
    var scalars = Array(body.unicodeScalars)[...]
    while let scalar = scalars.popFirst() {
      guard scalar == "\\", let next = scalars.popFirst() else {
        out.append(scalar)
        continue
      }
      switch next {
      case "n": out.append("\n")
      case "r": out.append("\r")
      case "t": out.append("\t")
      case "0": out.append("\0")
      case "u":
        _ = scalars.popFirst()  // {
        var hex = ""
        while let digit = scalars.popFirst(), digit != "}" { hex.unicodeScalars.append(digit) }
        out.append(Unicode.Scalar(UInt32(hex, radix: 16)!)!)
      default: out.append(next)
      }
    }
    return String(out)
  }
}
