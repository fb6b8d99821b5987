"""UFC: fighters, users' subscriptions to them, the fighter-candidate queue, and the original
UFC service's auth routes mapped onto the one user store."""
