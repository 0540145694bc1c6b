import Foundation
import Testing

@testable import SObjectGenCore

/// The caches' key names the build of the generator that made them (`ExecutableIdentity`).
struct ExecutableIdentityTests {
  #if os(Linux)
    /// Notes as a linker lays them out: another note first (a name padded to 4 bytes), then the
    /// build ID.
    static func notes(buildID: [UInt8], type: UInt32 = 3, name: String = "GNU\0") -> [UInt8] {
      func word(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
      let other = word(6) + word(4) + word(1) + Array("ABCDE\0\0\0".utf8) + [1, 2, 3, 4]
      let nameBytes = Array(name.utf8)
      let padding = [UInt8](repeating: 0, count: (4 - nameBytes.count % 4) % 4)
      return other + word(UInt32(nameBytes.count)) + word(UInt32(buildID.count)) + word(type) + nameBytes + padding
        + buildID
    }

    @Test func theBuildIDIsFoundAmongNotes() {
      let id: [UInt8] = Array(1...20)
      #expect(Self.notes(buildID: id).withUnsafeBytes { ExecutableIdentity.buildID(in: $0) } == id)
      // Another type, another owner, or a note cut short: no build ID.
      #expect(Self.notes(buildID: id, type: 1).withUnsafeBytes { ExecutableIdentity.buildID(in: $0) } == nil)
      #expect(Self.notes(buildID: id, name: "XYZ\0").withUnsafeBytes { ExecutableIdentity.buildID(in: $0) } == nil)
      #expect(Self.notes(buildID: id).dropLast().withUnsafeBytes { ExecutableIdentity.buildID(in: $0) } == nil)
      #expect([UInt8]().withUnsafeBytes { ExecutableIdentity.buildID(in: $0) } == nil)
    }

    /// The test executable, linked as the generator is, carries the build ID that `readelf` shows.
    @Test func theRunningExecutableIsKnownByTheBuildIDItsFileHolds() throws {
      let id = try #require(ExecutableIdentity.linkerBuildID())
      let hex = id.map { String(format: "%02x", $0) }.joined()
      #expect(ExecutableIdentity.current == "build-id " + hex)
      let file = try Data(contentsOf: URL(fileURLWithPath: "/proc/self/exe"))
      // The note, as the file holds it: the header (name size 4, the ID's size, type 3), "GNU\0", the ID.
      var note = Data([4, 0, 0, 0, UInt8(id.count), 0, 0, 0, 3, 0, 0, 0])
      note.append(contentsOf: Array("GNU\0".utf8) + id)
      #expect(file.range(of: note) != nil)
    }
  #endif
}
