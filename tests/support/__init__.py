"""What the tests share: building sites, serving them, driving the browser."""
