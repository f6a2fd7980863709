id DESC
