/// A binary min-heap ordered by `Element.<`; O(log n) push and pop. Replay keeps calls in
/// flight in one, ordered by completion time.
package struct MinHeap<Element: Comparable> {
    private var storage: [Element] = []

    package init() {}

    package var isEmpty: Bool { storage.isEmpty }
    package var count: Int { storage.count }
    package var min: Element? { storage.first }

    package mutating func push(_ element: Element) {
        storage.append(element)
        var child = storage.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard storage[child] < storage[parent] else { break }
            storage.swapAt(child, parent)
            child = parent
        }
    }

    package mutating func pop() -> Element? {
        guard !storage.isEmpty else { return nil }
        storage.swapAt(0, storage.count - 1)
        let top = storage.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < storage.count, storage[left] < storage[smallest] { smallest = left }
            if right < storage.count, storage[right] < storage[smallest] { smallest = right }
            if smallest == parent { break }
            storage.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
