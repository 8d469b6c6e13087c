/// How a contextual bandit chooses an arm from its per-arm ridge estimates.
public enum BanditAlgorithm: String, Sendable, Hashable, Codable, CaseIterable {
    /// LinUCB (Li et al. 2010): the arm with the highest θₐ·x + α·√(xᵀAₐ⁻¹x).
    case linucb
    /// Linear Thompson sampling (Agrawal & Goyal 2013): the arm with the highest x·θ̃ₐ for
    /// θ̃ₐ drawn from N(θₐ, v²·Aₐ⁻¹).
    case thompson
    /// ε-greedy: a uniformly random arm with probability ε, otherwise the highest θₐ·x.
    case egreedy
}
