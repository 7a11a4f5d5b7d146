-- The sample "movies" enabler (README: the movies tour): movies, subscriptions to their changes,
-- and a few dozen invented movies written once, on first start.
CREATE TABLE movie (
    movie_id        VARCHAR(64)   NOT NULL PRIMARY KEY,
    title           VARCHAR(256)  NOT NULL,
    premiere_date   DATE          NOT NULL,
    genre           VARCHAR(64),
    director        VARCHAR(128),
    runtime_minutes INTEGER,
    rating          VARCHAR(16),
    synopsis        VARCHAR(2000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE movie_subscription (
    subscription_id     VARCHAR(64)   NOT NULL PRIMARY KEY,
    user_id             VARCHAR(512)  NOT NULL,
    notify_url          VARCHAR(2048) NOT NULL,
    callback_data       VARCHAR(1024),
    -- JSON or XML: the format the subscriber's notifications are sent in
    notification_format VARCHAR(8)    NOT NULL,
    -- only changes of this movie; NULL for every movie
    movie_id            VARCHAR(64),
    client_correlator   VARCHAR(256),
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT movie_subscription_user_correlator_key UNIQUE (user_id, client_correlator)
);

CREATE INDEX movie_subscription_movie_idx ON movie_subscription (movie_id);
CREATE INDEX movie_subscription_user_idx ON movie_subscription (user_id, created_at);

INSERT INTO movie (movie_id, title, premiere_date, genre, director, runtime_minutes, rating, synopsis) VALUES
    ('the-long-meridian', 'The Long Meridian', DATE '2027-03-12', 'Drama', 'Ines Calderón', 132, 'PG-13', 'A cartographer retraces her grandfather''s survey of a border that no longer exists.'),
    ('glass-harbor', 'Glass Harbor', DATE '2026-12-18', 'Thriller', 'Tomasz Wren', 118, 'R', 'A harbor pilot discovers the container ships she guides carry no cargo at all.'),
    ('orbit-of-small-things', 'Orbit of Small Things', DATE '2027-01-22', 'Science Fiction', 'Amara Okafor', 141, 'PG-13', 'A repair crew on a derelict station finds a garden that should have died decades ago.'),
    ('saltwater-kings', 'Saltwater Kings', DATE '2027-05-07', 'Adventure', 'Rafael Moreau', 126, 'PG', 'Three siblings race a storm to recover their father''s fishing boat.'),
    ('the-quiet-ledger', 'The Quiet Ledger', DATE '2027-02-05', 'Drama', 'Helen Marsh', 109, 'PG-13', 'An accountant in a mining town finds the numbers that everyone agreed to forget.'),
    ('night-bus-to-lisbon', 'Night Bus to Lisbon', DATE '2026-11-27', 'Romance', 'Joana Pires', 104, 'PG-13', 'Two strangers share the last seats of an overnight coach and one long argument.'),
    ('paper-lanterns', 'Paper Lanterns', DATE '2027-04-16', 'Animation', 'Kenji Arata', 95, 'G', 'A lantern maker''s apprentice follows her lights into the spirit market.'),
    ('iron-and-ivy', 'Iron and Ivy', DATE '2027-06-25', 'Fantasy', 'Morgan Hale', 148, 'PG-13', 'A blacksmith bound to a forest court forges a blade that refuses to cut.'),
    ('the-cartographers-daughter', 'The Cartographer''s Daughter', DATE '2027-09-10', 'Drama', 'Lucía Ferrer', 121, 'PG', 'A map with one extra island leads a retired teacher back to sea.'),
    ('signal-lost', 'Signal Lost', DATE '2026-12-04', 'Thriller', 'Owen Pryce', 112, 'R', 'A radio operator hears her own voice calling for help from a ship that sank in 1962.'),
    ('summer-of-the-comet', 'Summer of the Comet', DATE '2027-07-02', 'Family', 'Priya Nair', 99, 'PG', 'Four friends build a telescope from junk to see the comet their town forgot.'),
    ('blue-hour', 'Blue Hour', DATE '2027-01-08', 'Drama', 'Elise Navarro', 116, 'PG-13', 'A night nurse and a night baker keep the same strange hours for a winter.'),
    ('the-last-lighthouse', 'The Last Lighthouse', DATE '2027-10-15', 'Mystery', 'Callum Reid', 123, 'PG-13', 'The keeper of a decommissioned lighthouse keeps logging ships no one else can see.'),
    ('copper-sky', 'Copper Sky', DATE '2027-08-20', 'Western', 'Dolores Vega', 134, 'R', 'A surveyor and an outlaw share a canteen and a secret across the salt flats.'),
    ('second-spring', 'Second Spring', DATE '2027-03-26', 'Comedy', 'Noah Lindqvist', 101, 'PG-13', 'Two retired rivals open a flower shop on the same street corner.'),
    ('under-the-viaduct', 'Under the Viaduct', DATE '2027-02-19', 'Crime', 'Marco Bellini', 119, 'R', 'A street musician witnesses a robbery and records it in a song.'),
    ('the-winter-orchard', 'The Winter Orchard', DATE '2026-12-11', 'Drama', 'Astrid Holm', 127, 'PG', 'A family gathers to harvest the last apples of an orchard sold to developers.'),
    ('echoes-of-atlas', 'Echoes of Atlas', DATE '2027-11-05', 'Science Fiction', 'Daniel Osei', 152, 'PG-13', 'A linguist decodes a message that answers questions nobody has asked yet.'),
    ('the-clockmakers-wager', 'The Clockmaker''s Wager', DATE '2027-04-02', 'Fantasy', 'Greta Voss', 117, 'PG', 'A clockmaker bets a year of his life that he can fix time itself.'),
    ('red-lines', 'Red Lines', DATE '2027-05-28', 'Political Thriller', 'Samuel Adeyemi', 129, 'R', 'A translator at peace talks realises both sides want her mistake.'),
    ('kite-season', 'Kite Season', DATE '2027-06-11', 'Family', 'Mei Lin', 92, 'G', 'A shy boy enters the city''s kite festival with a kite that will not behave.'),
    ('the-vanishing-choir', 'The Vanishing Choir', DATE '2027-10-29', 'Horror', 'Bram Kessler', 103, 'R', 'Each night one more voice is missing from the village choir.'),
    ('low-tide', 'Low Tide', DATE '2027-07-16', 'Drama', 'Claire Dubois', 111, 'PG-13', 'A marine biologist returns home to count the birds her mother counted.'),
    ('the-grand-exchange', 'The Grand Exchange', DATE '2027-09-24', 'Comedy', 'Ravi Menon', 106, 'PG-13', 'Two families swap houses for a summer and accidentally swap lives.'),
    ('atlas-of-rain', 'Atlas of Rain', DATE '2027-03-05', 'Documentary', 'Sofía Ibarra', 88, 'G', 'A year with the people who measure the world''s rain, one gauge at a time.'),
    ('midnight-rally', 'Midnight Rally', DATE '2027-08-06', 'Action', 'Jack Morrow', 114, 'PG-13', 'A courier enters an illegal road race to deliver the one package that matters.'),
    ('the-honest-thief', 'The Honest Thief', DATE '2027-01-29', 'Comedy', 'Yusuf Demir', 98, 'PG-13', 'A pickpocket returns everything he steals, with a note of advice.'),
    ('starlight-motel', 'Starlight Motel', DATE '2027-12-17', 'Drama', 'Ruth Calloway', 120, 'PG-13', 'Guests of a desert motel wait out a sandstorm and their own decisions.'),
    ('the-seventh-floor', 'The Seventh Floor', DATE '2027-02-26', 'Mystery', 'Anders Berg', 107, 'PG-13', 'An elevator repairman finds a floor that is not in the building''s plans.'),
    ('wild-honey', 'Wild Honey', DATE '2027-05-14', 'Romance', 'Chiara Lombardi', 103, 'PG-13', 'A beekeeper and a city lawyer fight over a hillside and fall for each other.'),
    ('the-great-unknown', 'The Great Unknown', DATE '2027-11-19', 'Adventure', 'Kwame Asante', 139, 'PG', 'An expedition sets out to find the source of a river that flows uphill.'),
    ('ghosts-of-the-opera', 'Ghosts of the Opera House', DATE '2027-10-08', 'Horror', 'Isabelle Fournier', 110, 'R', 'Restorers of an abandoned opera house hear rehearsals every midnight.'),
    ('first-light', 'First Light', DATE '2027-04-30', 'Science Fiction', 'Lena Fischer', 125, 'PG-13', 'The first human born on Mars returns to an Earth she has only read about.'),
    ('the-baker-of-bruges', 'The Baker of Bruges', DATE '2027-06-04', 'Comedy', 'Pieter Claes', 97, 'PG', 'A baker''s sourdough starter becomes the most famous resident of Bruges.'),
    ('shadow-market', 'Shadow Market', DATE '2027-09-03', 'Crime', 'Nadia Rahman', 118, 'R', 'A customs officer goes undercover in the market she has spent years shutting down.'),
    ('the-listening-hills', 'The Listening Hills', DATE '2027-08-27', 'Drama', 'Tamsin Clarke', 113, 'PG', 'A sound recordist sets out to capture the last silent valley in Europe.');
