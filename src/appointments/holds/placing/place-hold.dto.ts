import { SlotRequestDto } from '../../booking/slot-request.dto';

/** A slot hold asks for its slot only: the holder books it later with POST /appointments and the hold's id. */
export class PlaceHoldDto extends SlotRequestDto {}
