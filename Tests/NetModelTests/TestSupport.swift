import Foundation
import TestSupport
import XCTest
@testable import NetModel
@testable import NetStore
@testable import Plumbing

/// A fixed "today" so that tests do not depend on the clock.
let testToday = Day(year: 2025, month: 3, day: 14)!

func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

/// A fresh empty folder under the system temp folder, removed at the end of the test.
func makeTempDir(_ test: XCTestCase) throws -> String {
    var template = Array((NSTemporaryDirectory() + "/netmodel-test-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    guard let made else { throw StoreError("mkdtemp failed") }
    // Resolved (NSTemporaryDirectory ends in "/"): the name a lock is taken under, `Store.resolvedPath`.
    let dir = Store.resolvedPath(String(cString: made))
    test.addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
    return dir
}

func writeFile(_ path: String, _ contents: [UInt8]) {
    _ = FileManager.default.createFile(atPath: path, contents: Data(contents))
}

func fileExists(_ path: String) -> Bool { access(path, F_OK) == 0 }

/// Decodes a data file given as text and returns its problems.
func problems(_ json: String) -> [Problem] { NetworkCodec.decode(bytes(json)).problems }

/// Looks up a key path in a JSON value: objects by key, arrays by decimal index (the TestSupport target's,
/// here for every file of these tests without importing it).
func lookup(_ value: JSON, _ path: String...) -> JSON? { TestSupport.lookup(value, path: path) }

/// Sets a key in an object found by `path` (which must exist).
func setKey(_ value: inout JSON, _ path: [String], _ key: String, _ new: JSON) {
    if path.isEmpty {
        guard case .object(var o) = value else { fatalError("not an object") }
        o[JSONKey(key)] = new
        value = .object(o)
        return
    }
    switch value {
    case .object(var o):
        var child = o[JSONKey(path[0])]!
        setKey(&child, Array(path.dropFirst()), key, new)
        o[JSONKey(path[0])] = child
        value = .object(o)
    case .array(var a):
        let i = Int(path[0])!
        setKey(&a[i], Array(path.dropFirst()), key, new)
        value = .array(a)
    default:
        fatalError("path does not exist")
    }
}
