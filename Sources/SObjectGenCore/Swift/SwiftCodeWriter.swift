/// An indenting line writer for generated Swift.
struct SwiftCodeWriter {
  private(set) var text = ""
  private var depth = 0

  mutating func line(_ content: String = "") {
    if content.isEmpty {
      text += "\n"
    } else {
      text += String(repeating: "  ", count: depth) + content + "\n"
    }
  }

  /// `header {`, the body one level deeper, then `}`.
  mutating func block(_ header: String, _ body: (inout SwiftCodeWriter) -> Void) {
    line(header + " {")
    depth += 1
    body(&self)
    depth -= 1
    line("}")
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
  mutating func doc(_ text: String, width: Int = 96) {
    let paragraphs = SwiftNames.lines(text).filter { !$0.isEmpty }.map(SwiftNames.commentText)
    for (index, paragraph) in paragraphs.enumerated() {
      let isBullet = paragraph.hasPrefix("- ")
      let previousIsBullet = index > 0 && paragraphs[index - 1].hasPrefix("- ")
      if index > 0 && !(isBullet && previousIsBullet) { line("///") }
      var current = ""
      // current.count, kept as words are added instead of counted again for each word (which made
      // wrapping quadratic in a paragraph's length). Adding " " + word adds 1 + word.count characters
      // unless the space joins the character before it or the word's first scalar joins the space:
      // neither can happen when both scalars are ASCII; otherwise count again.
      var currentCount = 0
      var first = true
      for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
        if !current.isEmpty && currentCount + 1 + word.count > width {
          line("/// " + (isBullet && !first ? "  " : "") + current)
          current = ""
          currentCount = 0
          first = false
        }
        if current.isEmpty {
          current = String(word)
          currentCount = word.count
        } else if current.unicodeScalars.last!.isASCII && word.unicodeScalars.first!.isASCII {
          current += " " + word
          currentCount += 1 + word.count
        } else {
          current += " " + word
          currentCount = current.count
        }
      }
      line(current.isEmpty ? "///" : "/// " + (isBullet && !first ? "  " : "") + current)
    }
  }
}
