"""Launch, preview and update stacks in any region, with checks first."""
