-- Serialises the user changes that check the remaining managers: the mode conflicts with itself and with every
-- INSERT, UPDATE and DELETE on users, but not with the key-share locks a token insert takes.
LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE;
