/// Picks at most `maxPoints` (≥ 2) of a curve's points for plotting: always the first and the
/// last, and in between the first point at or past each of `maxPoints − 2` evenly spaced targets
/// of a non-decreasing `progress` value (duplicates skipped, so fewer may come back).
/// Returns every index when there are already at most `maxPoints`.
enum CurveDownsampling {
    static func selectIndices(progress: [Double], maxPoints: Int) -> [Int] {
        let count = progress.count
        guard count > maxPoints else { return Array(0..<count) }
        let first = progress[0], last = progress[count - 1]
        var selected = [0]
        selected.reserveCapacity(maxPoints)
        for step in 1..<(maxPoints - 1) {
            let target = first + (last - first) * Double(step) / Double(maxPoints - 1)
            // First index whose progress reaches the target (binary search; progress is sorted).
            var low = 0, high = count - 1
            while low < high {
                let mid = (low + high) / 2
                if progress[mid] >= target { high = mid } else { low = mid + 1 }
            }
            if low > selected[selected.count - 1], low < count - 1 { selected.append(low) }
        }
        selected.append(count - 1)
        return selected
    }

    static func validate(maxPoints: Int, routine: String) throws(ClassificationMetricsError) {
        guard maxPoints >= 2 else {
            throw ClassificationMetricsError(
                code: .invalidParameter, message: "\(routine): maxPoints is \(maxPoints); it must be at least 2")
        }
    }
}
