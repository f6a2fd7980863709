-- What a claim left in a queue's rate bucket.
UPDATE queues SET rate_tokens = @tokens, rate_tokens_at = @at WHERE name = @name;
