-- {channel} is replaced by the validated channel name (LISTEN takes no parameter).
LISTEN "{channel}";
