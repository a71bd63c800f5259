import { ApiProperty } from '@nestjs/swagger';

/** A person (or thing) named in an answer: its id and its name. */
export class NamedRef {
  @ApiProperty()
  id: string;

  @ApiProperty()
  name: string;
}

/** A person named in an answer with the email to reach them. */
export class PersonRef {
  @ApiProperty()
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty()
  email: string;
}
