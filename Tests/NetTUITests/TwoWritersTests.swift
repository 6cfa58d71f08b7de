import Foundation
import NetModel
@testable import NetTUI
import XCTest

/// Never two writers (docs/RELIABILITY.md): while another process holds a data file's lock, opening
/// it gives a read-only dashboard naming the holder's pid, whose saves are refused; when the holder
/// is killed, the lock it leaves behind does not block the next open.
final class TwoWritersTests: XCTestCase {
    /// A StressSave process holding the lock of `path`, started and ready.
    func startHolder(_ path: String) throws -> Process {
        let stress = try Programs.requireBuilt("StressSave")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: stress)
        p.arguments = ["hold-lock", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        addTeardownBlock {
            if p.isRunning { kill(p.processIdentifier, SIGKILL) }
            p.waitUntilExit()
        }
        var text = ""
        while !text.hasSuffix("\n") {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        XCTAssertEqual(text, "locked \(p.processIdentifier)\n")
        return p
    }

    func tempPath() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/nettui-writers-XXXXXX").utf8CString)
        let dir = String(cString: try XCTUnwrap(template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }))
        addTeardownBlock { try? FileManager.default.removeItem(atPath: dir) }
        return dir + "/network.json"
    }

    func testASecondWriterGetsReadOnlyNamingTheHolderAndAStaleLockNeverBlocks() throws {
        let path = try tempPath()
        let network = Demo.network(today: Harness.today)
        try Store.save(network, to: path)
        let saved = try Store.readBytes(path)
        let holder = try startHolder(path)
        let pid = holder.processIdentifier

        let second = try OpenCommand.open(path, createFolder: false)
        XCTAssertNil(second.lock, "the second opener must not hold the lock")
        XCTAssertEqual(second.state.readOnlyReason, "\(path) is open in another nettui (pid \(pid))")
        XCTAssertEqual(second.state.message?.text, "Read-only: \(path) is open in another nettui (pid \(pid))")
        XCTAssertEqual(second.state.network, network, "it still shows the data")
        XCTAssertTrue(Render.frame(second.state).screen.text.contains("[read-only]"))

        // Its saves are refused, and the file stays as the holder has it.
        var driver = Driver(state: second.state)
        _ = driver.send(.key(.char("s")))
        XCTAssertTrue(driver.state.message?.text.hasPrefix("Not saved: \(path) is open in another nettui (pid \(pid))") == true, driver.state.message?.text ?? "no message")
        XCTAssertEqual(try Store.readBytes(path), saved)

        // Killed, the holder cannot remove its lock file; the kernel drops the lock all the same.
        kill(pid, SIGKILL)
        holder.waitUntilExit()
        XCTAssertEqual(try Store.readBytes(FileLock.lockPath(for: path)), Array("\(pid)\n".utf8), "the stale lock file is still there")
        let start = DispatchTime.now()
        let third = try OpenCommand.open(path, createFolder: false)
        let took = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        print(String(format: "TwoWritersTests: open after the holder (pid %d) was killed took %.3f s", pid, took))
        XCTAssertLessThan(took, 1)
        let lock = try XCTUnwrap(third.lock, "a stale lock blocks the next open")
        defer { lock.release() }
        XCTAssertNil(third.state.readOnlyReason)
        XCTAssertEqual(try Store.readBytes(FileLock.lockPath(for: path)), Array("\(getpid())\n".utf8), "the lock file names the new holder")

        // Now it is this process that holds it: another process is refused, and is told our pid.
        let stress = try Programs.requireBuilt("StressSave")
        let refused = try Programs.run(stress, ["hold-lock", path], mergeOutput: true, timeout: 10)
        XCTAssertEqual(refused.status, 2, refused.output)
        XCTAssertEqual(refused.output, "StressSave: the lock is held by \(getpid())\n")
    }

    func testALockFileWithoutALockDoesNotBlockEvenWhenItNamesALiveProcess() throws {
        let path = try tempPath()
        // A lock file left by a crash (or copied along with the data) names a pid, maybe a running one.
        XCTAssertTrue(FileManager.default.createFile(atPath: FileLock.lockPath(for: path), contents: Data("1\n".utf8)))
        let opened = try OpenCommand.open(path, createFolder: false)
        let lock = try XCTUnwrap(opened.lock)
        defer { lock.release() }
        XCTAssertNil(opened.state.readOnlyReason)
    }
}
