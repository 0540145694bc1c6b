/// An indenting line writer for generated Swift.
struct SwiftCodeWriter {
  /// The longest line generated Swift may have, in characters (the style rule's 120 columns).
  static let maxLineLength = 120

  private(set) var text = ""
  private var depth = 0

  /// The characters left on a line `extra` levels deeper than the current one.
  func room(_ extra: Int = 0) -> Int { Self.maxLineLength - 2 * (depth + extra) }

  /// `head(arguments)tail` on one line when it fits; otherwise as swift-format breaks an argument
  /// list: `head(`, each argument on a line of its own one level deeper, then `)tail`. An argument
  /// may span lines (joined with `\n`, as `SwiftNames.literal(_:first:rest:)` makes them); its
  /// later lines keep their own indentation relative to the first.
  mutating func call(_ head: String, _ arguments: [String], _ tail: String = "") {
    let oneLine = head + "(" + arguments.joined(separator: ", ") + ")" + tail
    if !oneLine.utf8.contains(UInt8(ascii: "\n")) && SwiftNames.width(of: oneLine) <= room() {
      line(oneLine)
      return
    }
    line(head + "(")
    depth += 1
    for (index, argument) in arguments.enumerated() {
      // Without CR, LF is a character of its own: split as bytes.
      let lines =
        argument.utf8.contains(0x0D)
        ? argument.split(separator: "\n", omittingEmptySubsequences: false)
        : argument.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
      for (lineIndex, content) in lines.enumerated() {
        line(String(content) + (lineIndex == lines.count - 1 && index < arguments.count - 1 ? "," : ""))
      }
    }
    depth -= 1
    line(")" + tail)
  }

  /// `prefix` followed by the literal of `text`, split with `+` onto more lines when it does not
  /// fit (`SwiftNames.literal(_:first:rest:)`).
  mutating func literalLine(_ prefix: String, _ text: String, _ suffix: String = "") {
    let pieces = SwiftNames.literal(
      text, first: room() - prefix.count - suffix.count, rest: room() - suffix.count)
    for (index, piece) in pieces.enumerated() {
      line((index == 0 ? prefix : "") + piece + (index == pieces.count - 1 ? suffix : ""))
    }
  }

  mutating func line(_ content: String = "") {
    if !content.isEmpty {
      for _ in 0..<depth { text += "  " }
      text += content
    }
    text += "\n"
  }

  /// `header {`, the body one level deeper, then `}`.
  mutating func block(_ header: String, _ body: (inout SwiftCodeWriter) -> Void) {
    line(header + " {")
    depth += 1
    body(&self)
    depth -= 1
    line("}")
  }

  /// `case name = "raw value"` on one line when it fits, otherwise broken after the `=` with the
  /// literal one level deeper (a raw value must be a single literal, so it cannot be split).
  mutating func rawValueCase(_ name: String, _ rawValue: String) {
    let literal = SwiftNames.literal(rawValue)
    let oneLine = "case \(name) = \(literal)"
    if SwiftNames.width(of: oneLine) <= room() {
      line(oneLine)
    } else {
      line("case \(name) =")
      indented { w in w.line(literal) }
    }
  }

  /// `case "value": statement` on one line when it fits; otherwise the pattern (split with `+`
  /// when it must be) and the statement one level deeper on a line of its own.
  mutating func valueCase(_ value: String, _ statement: String) {
    let oneLine = "case \(SwiftNames.literal(value)): \(statement)"
    if SwiftNames.width(of: oneLine) <= room() {
      line(oneLine)
    } else {
      literalLine("case ", value, ":")
      indented { w in w.line(statement) }
    }
  }

  /// `case pattern: return "value"` on one line when it fits; otherwise `case pattern:` and the
  /// `return` one level deeper, its literal split with `+` when it must be.
  mutating func caseReturning(_ pattern: String, _ value: String) {
    let oneLine = "case \(pattern): return \(SwiftNames.literal(value))"
    if SwiftNames.width(of: oneLine) <= room() {
      line(oneLine)
    } else {
      line("case \(pattern):")
      indented { w in w.literalLine("return ", value) }
    }
  }

  /// `body` one level deeper.
  mutating func indented(_ body: (inout SwiftCodeWriter) -> Void) {
    depth += 1
    body(&self)
    depth -= 1
  }

  /// `head[elements]tail` on one line when it fits; otherwise `head[`, each element on a line of
  /// its own one level deeper with a trailing comma, then `]tail`.
  mutating func list(_ head: String, _ elements: [String], _ tail: String = "") {
    let oneLine = head + "[" + elements.joined(separator: ", ") + "]" + tail
    if elements.isEmpty || SwiftNames.width(of: oneLine) <= room() {
      line(oneLine)
      return
    }
    line(head + "[")
    depth += 1
    for element in elements { line(element + ",") }
    depth -= 1
    line("]" + tail)
  }

  /// `switch subject {`, the cases at the switch's own depth (as swift-format lays them out), then `}`.
  mutating func switchBlock(_ subject: String, _ body: (inout SwiftCodeWriter) -> Void) {
    line("switch \(subject) {")
    body(&self)
    line("}")
  }

  /// A documentation comment, wrapped at `width` columns; each line of `text` is a paragraph
  /// (blank lines and bullet lines starting `- ` are kept).
  /// Every line terminator Swift or Unicode knows (CR, LF, CR LF, VT, FF, NEL, U+2028, U+2029) breaks
  /// a paragraph, and control and bidirectional formatting characters are shown as `\u{…}`, so that
  /// no text can end the comment and become code.
  /// The width is narrowed where the indentation would take a line past `maxLineLength`, and a word
  /// longer than the width is cut between characters (never inside an escape).
  mutating func doc(_ text: String, width: Int = 96) {
    comment(text, width: width, marker: "///")
  }

  /// A `//` comment (or, with `marker`, another kind), wrapped as `doc` wraps.
  mutating func comment(_ text: String, width: Int = maxLineLength, marker: String = "//") {
    let width = max(20, min(width, room() - marker.count - 1))
    let paragraphs = SwiftNames.lines(text).filter { !$0.isEmpty }.map(SwiftNames.commentText)
    for (index, paragraph) in paragraphs.enumerated() {
      let isBullet = paragraph.hasPrefix("- ")
      let previousIsBullet = index > 0 && paragraphs[index - 1].hasPrefix("- ")
      if index > 0 && !(isBullet && previousIsBullet) { line(marker) }
      var current = ""
      // current.count, kept as words are added instead of counted again for each word (which made
      // wrapping quadratic in a paragraph's length). Adding " " + word adds 1 + word.count characters
      // unless the space joins the character before it or the word's first scalar joins the space:
      // neither can happen when both scalars are ASCII; otherwise count again.
      var currentCount = 0
      var first = true
      // In ASCII text (most of it) a character is a byte: split and counted without breaking into
      // characters (commentText leaves no CR, the one ASCII pair that is a single character).
      let isASCII = paragraph.utf8.allSatisfy { $0 < 0x80 }
      func length(_ word: Substring) -> Int { isASCII ? word.utf8.count : word.count }
      let pieces =
        isASCII
        ? paragraph.utf8.split(separator: UInt8(ascii: " ")).map { Substring($0) }
        : paragraph.split(separator: " ", omittingEmptySubsequences: true)
      let words = pieces.flatMap { SwiftNames.cut($0, width: width - 2) }
      for word in words {
        let wordCount = length(word)
        if !current.isEmpty && currentCount + 1 + wordCount > width {
          line(marker + " " + (isBullet && !first ? "  " : "") + current)
          current = ""
          currentCount = 0
          first = false
        }
        if current.isEmpty {
          current = String(word)
          currentCount = wordCount
        } else if current.unicodeScalars.last!.isASCII && word.unicodeScalars.first!.isASCII {
          current += " " + word
          currentCount += 1 + wordCount
        } else {
          current += " " + word
          currentCount = current.count
        }
      }
      line(current.isEmpty ? marker : marker + " " + (isBullet && !first ? "  " : "") + current)
    }
  }
}
