-- PostgreSQL 18's new table features, for tests/majors/pg18.test.ts (built on 18 only).
CREATE EXTENSION btree_gist;
CREATE TABLE public.bookings (
  room int NOT NULL,
  during tstzrange NOT NULL,
  price numeric,
  qty int CONSTRAINT bookings_qty_required NOT NULL NO INHERIT,
  CONSTRAINT bookings_pkey PRIMARY KEY (room, during WITHOUT OVERLAPS),
  CONSTRAINT price_positive CHECK (price > 0) NOT ENFORCED,
  doubled numeric GENERATED ALWAYS AS (price * 2) VIRTUAL
);
CREATE TABLE public.rooms_booked (room int, during tstzrange, CONSTRAINT rooms_booked_pkey PRIMARY KEY (room, during WITHOUT OVERLAPS));
CREATE TABLE public.booking_notes (
  room int,
  during tstzrange,
  note text,
  CONSTRAINT booking_notes_booking_fkey FOREIGN KEY (room, PERIOD during) REFERENCES public.bookings (room, PERIOD during)
);
CREATE TABLE public.rooms_ref (room int PRIMARY KEY, id uuid DEFAULT uuidv7());
CREATE TABLE public.room_owners (
  room int NOT NULL,
  owner text,
  CONSTRAINT room_owners_room_fkey FOREIGN KEY (room) REFERENCES public.rooms_ref (room) NOT ENFORCED
);
