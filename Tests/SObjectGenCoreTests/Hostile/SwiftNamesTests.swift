import Foundation
import SObjectGenTestSupport
import SObjectMetadata
import Testing

@testable import SObjectGenCore

/// The naming layer and the escaping of text into Swift, in isolation.
@Suite struct SwiftNamesTests {
  @Test func keywordsAreEscapedAndUnusableNamesSuffixed() {
    #expect(SwiftNames.escaped("class") == "`class`")
    #expect(SwiftNames.escaped("default") == "`default`")
    #expect(SwiftNames.escaped("name") == "name")
    let fields = ["class", "Default", "Inout", "Init", "Self", "Super", "AllCases"].map {
      FieldDefinition(name: $0, label: $0, type: .string, properties: [])
    }
    let naming = SwiftNaming(model: MetadataModel(objects: []))
    #expect(
      naming.propertyNames(fields) == [
        "class", "default", "inout", "initField", "selfField", "superField", "allCasesField",
      ])
  }

  @Test func collisionsAreNumberedDeterministicallyAfterTheNamesThatFitExactly() {
    let names = ["Start_Time", "StartTime", "StartTime2"]
    #expect(
      SwiftNames.unique(names.map(SwiftNames.lowerCamel), sources: names) == ["startTime3", "startTime", "startTime2"])
    let objects = ["Foo__c", "FooC", "Foo_Bar", "FooBar", "String", "StringObject"]
    let types = SwiftNames.unique(
      objects.map(SwiftNames.upperCamel), sources: objects, reserved: SwiftNames.reservedTypeNames, suffix: "Object")
    #expect(types == ["FooC2", "FooC", "FooBar2", "FooBar", "StringObject2", "StringObject"])
  }

  @Test func namesWithoutLettersAreSpeltAndAlwaysPlainASCII() {
    #expect(SwiftNames.lowerCamel("-") == "hyphenMinus")
    #expect(SwiftNames.lowerCamel("😀") == "grinningFace")
    #expect(SwiftNames.lowerCamel("*/") == "asteriskSolidus")
    #expect(SwiftNames.lowerCamel("Café au lait") == "cafeAuLait")
    #expect(SwiftNames.lowerCamel("日本") == "u65e5u672c")
    #expect(SwiftNames.lowerCamel("2nd") == "_2nd")
    for name in ["-", "😀", "*/", "日本", "e\u{301}", "\u{202E}", "Ⅻ", "½", "٣"] {
      let identifier = SwiftNames.lowerCamel(name)
      #expect(
        identifier.unicodeScalars.allSatisfy {
          $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
        }, "\(name) → \(identifier)")
    }
  }

  @Test func literalsEscapeEveryLineTerminatorAndControlCharacter() {
    let text = "a\rb\nc\u{2028}d\u{2029}e\u{85}f\u{0}g\u{7}h\"i\\j\u{202E}k\u{0B}l\u{0C}m"
    let literal = SwiftNames.literal(text)
    #expect(literal == #""a\rb\nc\u{2028}d\u{2029}e\u{85}f\0g\u{7}h\"i\\j\u{202E}k\u{B}l\u{C}m""#)
    #expect(!literal.unicodeScalars.contains { SwiftNames.needsEscape($0) })
  }

  @Test func docCommentsBreakAtEveryLineTerminator() {
    let injected = "public static let injected = \"pwned\""
    for terminator in ["\r", "\r\n", "\n", "\u{2028}", "\u{2029}", "\u{85}", "\u{0B}", "\u{0C}"] {
      var writer = SwiftCodeWriter()
      writer.doc("Innocent text.\(terminator)\(injected) \u{0}\u{1B}")
      for line in writer.text.split(separator: "\n", omittingEmptySubsequences: false) where !line.isEmpty {
        #expect(line.hasPrefix("///"), "\(terminator.unicodeScalars.map(\.value)): \(line)")
        #expect(!line.unicodeScalars.contains { SwiftNames.needsEscape($0) })
      }
    }
  }

  /// `lines`, `needsEscape` and `width(of:)` read bytes and code points; each gives what its
  /// definition in characters and Unicode properties gives.
  @Test func byteLevelShortcutsAgreeWithTheirDefinitions() {
    let terminators: [Character] = ["\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]
    let texts = [
      "", "plain", "a\n", "\n\n", "a\r\nb\rc\u{85}d\u{2028}e\u{2029}f\u{0B}g\u{0C}h", "\r", "\r\r\n",
      "e\u{301}\n\u{301}x", "\u{C2}\u{85}", "\u{E2}\u{80}\u{A8}", "€\u{2027}\u{202A}\u{0085}", "日本\n😀\r\n",
    ]
    for text in texts {
      let characters = text.split(omittingEmptySubsequences: false) { terminators.contains($0) }
      #expect(SwiftNames.lines(text) == characters, "\(text.unicodeScalars.map(\.value))")
    }
    for value in [0x41, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0, 0xFFFD, 0xFFFE, 0xFFFF, 0x1FFFE, 0x10FFFF, 0x10FFFD] {
      let scalar = Unicode.Scalar(UInt32(value))!
      #expect(SwiftNames.needsEscape(scalar) == scalar.properties.isNoncharacterCodePoint, "\(value)")
    }
    for line in ["case a = \"b\"", "a\r\nb", "café", "e\u{301}", ""] {
      #expect(SwiftNames.width(of: line) == line.count, "\(line)")
    }
  }

  /// `asciiCamel` reads an ASCII name's bytes; it gives what joining its `words` gives, for every
  /// name of up to four characters from capitals, small letters, digits and separators.
  @Test func asciiCamelCaseAgreesWithTheWords() {
    let alphabet = ["A", "B", "a", "b", "1", "_", " "]
    var names = ["", "URLField", "Customer_Tier__c", "SLAExpirationDate__c", "iPhone", "MyURL2Go", "a\r\nB", "-"]
    var level = [""]
    for _ in 1...4 {
      level = level.flatMap { prefix in alphabet.map { prefix + $0 } }
      names += level
    }
    for name in names {
      for upper in [false, true] {
        let viaWords = SwiftNames.camel(SwiftNames.words(name), upper: upper)
        if let viaBytes = SwiftNames.asciiCamel(name, upper: upper) {
          #expect(viaBytes == viaWords, "\(name.debugDescription) upper: \(upper)")
        } else {
          // Left to `words`, which spells it: not ASCII, or no letter or digit.
          #expect(!name.allSatisfy(\.isASCII) || !name.contains { $0.isLetter || $0.isNumber }, "\(name)")
        }
      }
    }
    #expect(SwiftNames.asciiCamel("Café", upper: false) == nil)
    #expect(SwiftNames.lowerCamel("URLField") == "urlField")
    #expect(SwiftNames.upperCamel("Customer_Tier__c") == "CustomerTierC")
  }

  /// Comments wrapped on bytes (ASCII paragraphs without words to cut) are the comments wrapped
  /// by words and characters, at every width and depth, bullets and runs of spaces included.
  @Test func asciiCommentWrappingAgreesWithTheGeneralWrapping() {
    var generator = SeededWords(seed: 7)
    var texts = ["", " ", "  \n  ", "- a\n- b c\n\nd", "x\u{1}y é z", String(repeating: "w", count: 130)]
    for _ in 0..<40 { texts.append(generator.text()) }
    for text in texts {
      for width in [20, 33, 60, 96, 200] {
        for depth in [0, 3, 30, 55] {
          let shortcut = written(depth) { $0.comment(text, width: width, marker: "///") }
          let general = written(depth) { $0.comment(text, width: width, marker: "///", asciiShortcut: false) }
          #expect(shortcut == general, "\(text.debugDescription) width \(width) depth \(depth)")
        }
      }
    }
  }

  /// The text `body` writes `depth` levels deep.
  private func written(_ depth: Int, _ body: (inout SwiftCodeWriter) -> Void) -> String {
    func nest(_ writer: inout SwiftCodeWriter, _ level: Int) {
      if level == 0 { body(&writer) } else { writer.indented { nest(&$0, level - 1) } }
    }
    var writer = SwiftCodeWriter()
    nest(&writer, depth)
    return writer.text
  }

  /// Deterministic paragraphs of words of 1 to 40 letters, runs of spaces, bullets and blank lines.
  private struct SeededWords {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
    mutating func text() -> String {
      var text = next(4) == 0 ? "- " : ""
      for _ in 0..<(1 + next(60)) {
        switch next(20) {
        case 0: text += "\n"
        case 1: text += "\n- "
        case 2: text += "   "
        default: text += " "
        }
        let letter = Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(next(26))))
        text += String(repeating: letter, count: 1 + next(40))
      }
      return text
    }
  }

  /// Every public type of the runtime is a name a generated type must not take.
  @Test func everyRuntimeTypeIsReserved() throws {
    let folder = packageRoot.appendingPathComponent("Sources/SObjectRuntime")
    var names: Set<String> = []
    for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
      let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
      let pattern = try NSRegularExpression(
        pattern: #"public (?:final )?(?:struct|enum|protocol|class|typealias|actor) (\w+)"#)
      for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
        names.insert((text as NSString).substring(with: match.range(at: 1)))
      }
    }
    #expect(!names.isEmpty)
    #expect(names.subtracting(SwiftNames.reservedTypeNames).isEmpty)
  }
}
