created_at DESC, id DESC
