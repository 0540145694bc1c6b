/// An indenting line writer for generated Swift.
///
/// The text grows in one buffer: lines are appended piece by piece (`line(_:_:_:)`), never made
/// into strings of their own first, and a line's indentation is one string kept for the depth.
struct SwiftCodeWriter {
  /// The longest line generated Swift may have, in characters (the style rule's 120 columns).
  static let maxLineLength = 120

  /// The text's UTF-8 bytes: appending to an array costs less than to a `String`, which keeps
  /// counts and flags up to date at every append.
  private(set) var bytes: [UInt8] = []
  /// The text written so far.
  var text: String { String(decoding: bytes, as: UTF8.self) }
  private var depth = 0 {
    didSet { indentation = String(repeating: " ", count: 2 * depth) }
  }
  private var indentation = ""

  /// A writer whose text has room for `capacity` bytes before it grows.
  init(capacity: Int = 0) {
    bytes.reserveCapacity(capacity)
  }

  private mutating func append(_ piece: String) { bytes.append(contentsOf: piece.utf8) }
  private mutating func append(_ piece: Substring) { bytes.append(contentsOf: piece.utf8) }

  /// The characters left on a line `extra` levels deeper than the current one.
  func room(_ extra: Int = 0) -> Int { Self.maxLineLength - 2 * (depth + extra) }

  /// `head(arguments)tail` on one line when it fits; otherwise as swift-format breaks an argument
  /// list: `head(`, each argument on a line of its own one level deeper, then `)tail`. An argument
  /// may span lines (joined with `\n`, as `SwiftNames.literal(_:first:rest:)` makes them); its
  /// later lines keep their own indentation relative to the first.
  mutating func call(_ head: String, _ arguments: [String], _ tail: String = "") {
    // In ASCII without CR or LF (nearly every call) a character is a byte: the width is the sum of
    // the pieces' bytes, and the line is written without being made first.
    var isSimple = SwiftNames.isSingleLineASCII(head) && SwiftNames.isSingleLineASCII(tail)
    var width = head.utf8.count + 2 + tail.utf8.count + 2 * max(0, arguments.count - 1)
    for argument in arguments {
      width += argument.utf8.count
      if isSimple && !SwiftNames.isSingleLineASCII(argument) { isSimple = false }
    }
    let fits: Bool
    if isSimple {
      fits = width <= room()
    } else {
      let oneLine = head + "(" + arguments.joined(separator: ", ") + ")" + tail
      fits = !oneLine.utf8.contains(UInt8(ascii: "\n")) && SwiftNames.width(of: oneLine) <= room()
    }
    if fits {
      append(indentation)
      append(head)
      append("(")
      for (index, argument) in arguments.enumerated() {
        if index > 0 { append(", ") }
        append(argument)
      }
      append(")")
      append(tail)
      append("\n")
      return
    }
    line(head, "(")
    depth += 1
    for (index, argument) in arguments.enumerated() {
      let separator = index < arguments.count - 1 ? "," : ""
      if SwiftNames.isSingleLineASCII(argument) {
        line(argument, separator)
        continue
      }
      let lines = argument.splitAtLineFeeds()
      for (lineIndex, content) in lines.enumerated() {
        line(String(content), lineIndex == lines.count - 1 ? separator : "")
      }
    }
    depth -= 1
    line(")", tail)
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
      append(indentation)
      append(content)
    }
    append("\n")
  }

  /// The line `first` `second` `more…`, written piece by piece (the same text as `line` of the
  /// pieces joined).
  mutating func line(_ first: String, _ second: String, _ more: String...) {
    if first.isEmpty && second.isEmpty && more.allSatisfy(\.isEmpty) {
      append("\n")
      return
    }
    append(indentation)
    append(first)
    append(second)
    for piece in more { append(piece) }
    append("\n")
  }

  /// Whether the line of `pieces` fits the room: counted in bytes when every piece is ASCII without
  /// CR or LF, otherwise measured on the pieces joined (`SwiftNames.width(of:)`).
  private func fits(_ pieces: String...) -> Bool {
    if pieces.allSatisfy(SwiftNames.isSingleLineASCII) {
      return pieces.reduce(0) { $0 + $1.utf8.count } <= room()
    }
    return SwiftNames.width(of: pieces.joined()) <= room()
  }

  /// `header {`, the body one level deeper, then `}`.
  mutating func block(_ header: String, _ body: (inout SwiftCodeWriter) -> Void) {
    line(header, " {")
    depth += 1
    body(&self)
    depth -= 1
    line("}")
  }

  /// `case name = "raw value"` on one line when it fits, otherwise broken after the `=` with the
  /// literal one level deeper (a raw value must be a single literal, so it cannot be split).
  mutating func rawValueCase(_ name: String, _ rawValue: String) {
    let literal = SwiftNames.literal(rawValue)
    if fits("case ", name, " = ", literal) {
      line("case ", name, " = ", literal)
    } else {
      line("case \(name) =")
      indented { w in w.line(literal) }
    }
  }

  /// `case "value": statement` on one line when it fits; otherwise the pattern (split with `+`
  /// when it must be) and the statement one level deeper on a line of its own.
  mutating func valueCase(_ value: String, _ statement: String) {
    let literal = SwiftNames.literal(value)
    if fits("case ", literal, ": ", statement) {
      line("case ", literal, ": ", statement)
    } else {
      literalLine("case ", value, ":")
      indented { w in w.line(statement) }
    }
  }

  /// `case pattern: return "value"` on one line when it fits; otherwise `case pattern:` and the
  /// `return` one level deeper, its literal split with `+` when it must be.
  mutating func caseReturning(_ pattern: String, _ value: String) {
    let literal = SwiftNames.literal(value)
    if fits("case ", pattern, ": return ", literal) {
      line("case ", pattern, ": return ", literal)
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

  /// A `//` comment (or, with `marker`, another kind), wrapped as `doc` wraps. With `asciiShortcut`
  /// (the default), a paragraph of ASCII words that need no cutting is wrapped on bytes, written
  /// word by word; without it (for the test that compares the two), every paragraph goes the
  /// general way.
  mutating func comment(
    _ text: String, width: Int = maxLineLength, marker: String = "//", asciiShortcut: Bool = true
  ) {
    let width = max(20, min(width, room() - marker.count - 1))
    var previousIsBullet = false
    var index = 0
    for line in SwiftNames.lines(text) where !line.isEmpty {
      let paragraph = SwiftNames.commentText(line)
      let isBullet = paragraph.hasPrefix("- ")
      if index > 0 && !(isBullet && previousIsBullet) { self.line(marker) }
      previousIsBullet = isBullet
      index += 1
      if !(asciiShortcut && wrapASCII(paragraph, width: width, marker: marker, isBullet: isBullet)) {
        wrap(paragraph, width: width, marker: marker, isBullet: isBullet)
      }
    }
  }

  /// `wrap` for a paragraph of ASCII whose words are at most `width - 2` bytes (none to cut):
  /// words are runs of bytes between spaces. When single spaces part them (most text), each line
  /// is a slice of the paragraph, appended at once; otherwise the words are written one by one.
  /// False, having written nothing, for any other paragraph.
  private mutating func wrapASCII(_ paragraph: String, width: Int, marker: String, isBullet: Bool) -> Bool {
    let utf8 = paragraph.utf8
    var run = 0
    var previous = UInt8(ascii: " ")
    var isSpacedOnce = true  // no space at either end, none after another
    for byte in utf8 {
      if byte >= 0x80 { return false }
      if byte == UInt8(ascii: " ") {
        if previous == UInt8(ascii: " ") { isSpacedOnce = false }
        run = 0
      } else {
        run += 1
        if run > width - 2 { return false }
      }
      previous = byte
    }
    if previous == UInt8(ascii: " ") { isSpacedOnce = false }
    var lineLength = 0  // 0: no word on the line yet
    var lineStart = utf8.startIndex
    var lineEnd = utf8.startIndex
    var first = true
    var index = utf8.startIndex
    while index < utf8.endIndex {
      if utf8[index] == UInt8(ascii: " ") {
        utf8.formIndex(after: &index)
        continue
      }
      let start = index
      var length = 0
      while index < utf8.endIndex && utf8[index] != UInt8(ascii: " ") {
        utf8.formIndex(after: &index)
        length += 1
      }
      if lineLength > 0 && lineLength + 1 + length > width {
        if isSpacedOnce { append(paragraph[lineStart..<lineEnd]) }
        append("\n")
        lineLength = 0
        first = false
      }
      if lineLength == 0 {
        append(indentation)
        append(marker)
        append(isBullet && !first ? "   " : " ")
        if !isSpacedOnce { append(paragraph[start..<index]) }
        lineLength = length
        lineStart = start
      } else {
        if !isSpacedOnce {
          append(" ")
          append(paragraph[start..<index])
        }
        lineLength += 1 + length
      }
      lineEnd = index
    }
    if lineLength == 0 {
      line(marker)
    } else {
      if isSpacedOnce { append(paragraph[lineStart..<lineEnd]) }
      append("\n")
    }
    return true
  }

  /// One paragraph of a comment wrapped at `width` characters, each line `marker` and a space
  /// (and, after the first line of a bullet, two more); words longer than the width are cut.
  private mutating func wrap(_ paragraph: String, width: Int, marker: String, isBullet: Bool) {
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
